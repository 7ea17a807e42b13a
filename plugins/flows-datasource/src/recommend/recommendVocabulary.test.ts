import { describe, expect, it } from 'vitest';
import {
  defaultRecommendOptions,
  parseRecommendOptions,
  RecommendOptionsError,
} from '../../backend/src/recommend/recommendOptions.ts';
import { granularities, policyTypes, recommendDefaults, runTypes } from './recommendVocabulary';

/** The editor offers exactly the choices the backend reads: a word added or renamed on one side fails here. */
describe('recommendation vocabulary matches the backend', () => {
  it.each([
    ['policyType', policyTypes],
    ['granularity', granularities],
    ['runType', runTypes],
  ] as const)('every %s the editor offers is read by the backend', (key, terms) => {
    for (const term of terms) {
      expect(parseRecommendOptions({ version: 1, [key]: term.value })[key]).toBe(term.value);
    }
    expect(() => parseRecommendOptions({ version: 1, [key]: 'unknown' })).toThrow(RecommendOptionsError);
    // And the backend knows no choice the editor lacks: its error lists them all.
    let listed = '';
    try {
      parseRecommendOptions({ version: 1, [key]: 'unknown' });
    } catch (error) {
      listed = (error as Error).message.replace(/^.* is not one of /, '');
    }
    expect(listed.split(', ').sort()).toEqual(terms.map((term) => term.value).sort());
  });

  it('shows the backend’s defaults', () => {
    const { namespaces: _n, excludedNamespaces: _e, clusters: _c, ...backend } = defaultRecommendOptions;
    expect({ ...recommendDefaults, allowedNamespaces: [...recommendDefaults.allowedNamespaces] }).toEqual(backend);
  });
});
