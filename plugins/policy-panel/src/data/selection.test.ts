import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { policyArbitrary } from '../test/policyArbitraries';
import { policiesFrame } from '../test/policyFrames';
import { buildPolicyModel } from './policyModel';
import { initialSelection, isPolicySelected, isRuleSelected, setAll, setPolicies, setRule } from './selection';
import { type ReviewedPolicy } from './types';

describe('selection', () => {
  test('toggles policies against the base', () => {
    let selection = setPolicies(initialSelection(true), ['a', 'b'], false);
    expect(isPolicySelected(selection, 'a')).toBe(false);
    expect(isPolicySelected(selection, 'c')).toBe(true);
    selection = setPolicies(selection, ['a'], true);
    expect([...selection.toggled]).toEqual(['b']);
    expect(isPolicySelected(setAll(false), 'a')).toBe(false);
  });

  test('remembers rules left out, and forgets a policy’s set once all its rules are back', () => {
    let selection = setRule(initialSelection(true), 'p', 'r1', false);
    selection = setRule(selection, 'p', 'r2', false);
    expect(isRuleSelected(selection, 'p', 'r1')).toBe(false);
    selection = setRule(setRule(selection, 'p', 'r1', true), 'p', 'r2', true);
    expect(selection.excludedRules.size).toBe(0);
  });

  test('select all and none start over, rules included', () => {
    const selection = setRule(initialSelection(true), 'p', 'r', false);
    expect(setAll(true)).toEqual(initialSelection(true));
    expect(isRuleSelected(setAll(true), 'p', 'r')).toBe(true);
    expect(selection.excludedRules.size).toBe(1);
  });
});

const policiesOf = (list: Parameters<typeof policiesFrame>[0]): ReviewedPolicy[] => {
  const data = buildPolicyModel([policiesFrame(list)]);
  if (data.kind !== 'model') throw new Error(data.kind);
  return data.model.policies;
};

describe('a selection outlives new data', () => {
  // A refresh: some policies gone, some new, the rest in another order with their rules reordered.
  const refresh = fc
    .record({
      before: fc.uniqueArray(policyArbitrary, { minLength: 1, maxLength: 6, selector: (p) => p.metadata.name }),
      added: fc.array(policyArbitrary, { maxLength: 3 }),
      kept: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ before, added, kept, seed }) => {
      const survivors = before
        .filter((_, i) => kept[i])
        .map((policy) => ({
          ...policy,
          spec: { ...policy.spec, ...(policy.spec.ingress ? { ingress: [...policy.spec.ingress].reverse() } : {}) },
        }));
      const after = [...added, ...survivors].sort(() => (seed % 3) - 1);
      return { before: policiesOf(before), after: policiesOf(after) };
    });

  test('policies and rules still there keep their choice; new ones take the base', () => {
    fc.assert(
      fc.property(
        refresh,
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
        ({ before, after }, base, choices) => {
          let selection = initialSelection(base);
          let next = 0;
          const choice = () => choices[next++ % choices.length]!;
          for (const policy of before) {
            selection = setPolicies(selection, [policy.key], choice());
            for (const rule of policy.document?.rules ?? [])
              selection = setRule(selection, policy.key, rule.key, choice());
          }
          const earlier = new Map(before.map((policy) => [policy.key, policy]));
          for (const policy of after) {
            const was = earlier.get(policy.key);
            expect(isPolicySelected(selection, policy.key)).toBe(was ? isPolicySelected(selection, was.key) : base);
            for (const rule of policy.document?.rules ?? []) {
              const sameRule = was?.document?.rules.find((old) => old.key === rule.key);
              // The same rule (same content) keeps its choice wherever it moved; a new rule is kept.
              if (sameRule) {
                const { name: _a, ...now } = rule.content;
                const { name: _b, ...then } = sameRule.content;
                expect(now).toEqual(then);
              }
              expect(isRuleSelected(selection, policy.key, rule.key)).toBe(
                sameRule ? isRuleSelected(selection, was!.key, sameRule.key) : true
              );
            }
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
