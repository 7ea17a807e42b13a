import { describe, expect, it } from 'vitest';
import type { FlowsBuilderQuery } from '../types';
import { describeBuilderQuery, normalizeBuilderQuery } from './builderQuery';

describe('normalizeBuilderQuery', () => {
  it('fills what a saved query lacks with the backend defaults and version 1', () => {
    expect(normalizeBuilderQuery(undefined)).toEqual({
      version: 1,
      view: 'all',
      metric: 'bytes',
      groupBy: [],
      filters: [],
    });
  });

  it('keeps a newer version and unknown words for the backend to name', () => {
    const saved = {
      version: 2,
      view: 'mesh',
      metric: 'latency',
      groupBy: ['x'],
      filters: [],
    } as unknown as FlowsBuilderQuery;
    expect(normalizeBuilderQuery(saved)).toEqual(saved);
  });

  it('drops a null top N (all groups) but keeps a number', () => {
    expect(normalizeBuilderQuery({ topN: null } as unknown as FlowsBuilderQuery)).not.toHaveProperty('topN');
    expect(normalizeBuilderQuery({ topN: 10 } as FlowsBuilderQuery).topN).toBe(10);
  });

  it('replaces malformed lists rather than passing them on', () => {
    const broken = { groupBy: 'sourcePod', filters: {} } as unknown as FlowsBuilderQuery;
    expect(normalizeBuilderQuery(broken)).toMatchObject({ groupBy: [], filters: [] });
  });
});

describe('describeBuilderQuery', () => {
  it('reads as a sentence of the model', () => {
    const text = describeBuilderQuery({
      version: 1,
      view: 'policy',
      metric: 'flowRecords',
      groupBy: ['ingressPolicy'],
      filters: [{ key: 'ruleAction', operator: 'in', value: ['2', '3'] }],
    });
    expect(text).toBe('Flow records by Ingress policy · Policy · ruleAction in 2|3');
  });
});
