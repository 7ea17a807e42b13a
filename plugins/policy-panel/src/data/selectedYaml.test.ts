import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { backendFrames } from '../test/backendFrames';
import { policyArbitrary } from '../test/policyArbitraries';
import { networkPolicy, policiesFrame, policyYamlText, type TestPolicy } from '../test/policyFrames';
import { buildPolicyModel } from './policyModel';
import { selectionYaml } from './selectedYaml';
import { initialSelection, type PolicySelection, setPolicies, setRule } from './selection';
import { type ReviewedPolicy } from './types';

function policiesOf(frames: ReturnType<typeof backendFrames>): ReviewedPolicy[] {
  const data = buildPolicyModel(frames);
  if (data.kind !== 'model') throw new Error(`expected a model, got ${data.kind}`);
  return data.model.policies;
}

const documents = (yaml: string) => parseAllDocuments(yaml).map((document) => document.toJSON() as TestPolicy);

describe('selectionYaml', () => {
  const shop = [networkPolicy('shop', 'api', ['web', 'worker']), networkPolicy('shop', 'db', ['api'])];
  const policies = policiesOf([policiesFrame(shop)]);
  const [api, db] = policies as [ReviewedPolicy, ReviewedPolicy];

  test('everything selected: every policy, as written, one document each', () => {
    const yaml = selectionYaml(policies, initialSelection(true));
    expect(documents(yaml)).toEqual(shop);
    expect(yaml).toBe(`${policyYamlText(shop[0]!)}---\n${policyYamlText(shop[1]!)}`);
  });

  test('nothing selected: no YAML at all', () => {
    expect(selectionYaml(policies, initialSelection(false))).toBe('');
  });

  test('a deselected policy leaves; the others stay in their order', () => {
    expect(documents(selectionYaml(policies, setPolicies(initialSelection(true), [api.key], false)))).toEqual([
      shop[1],
    ]);
  });

  test('a rule left out is cut from its policy, the rest of the text untouched', () => {
    const fromWorker = api.document!.rules.find((rule) => rule.summary.peers.includes('worker'))!;
    const yaml = selectionYaml([api], setRule(initialSelection(true), api.key, fromWorker.key, false));
    const expected = structuredClone(shop[0]!);
    expected.spec.ingress = expected.spec.ingress!.slice(0, 1);
    expect(documents(yaml)).toEqual([expected]);
    // Exactly the rule's lines are gone.
    const lines = policyYamlText(shop[0]!).split('\n');
    lines.splice(fromWorker.range.start, fromWorker.range.end - fromWorker.range.start);
    expect(yaml).toBe(lines.join('\n'));
  });

  test('every rule of a direction left out: the list becomes [] (the policy still isolates that way)', () => {
    let selection = initialSelection(true);
    for (const rule of db.document!.rules.filter((r) => r.direction === 'ingress')) {
      selection = setRule(selection, db.key, rule.key, false);
    }
    const [policy] = documents(selectionYaml([db], selection));
    expect(policy!.spec.ingress).toEqual([]);
    expect(policy!.spec.egress).toEqual(shop[1]!.spec.egress);
    expect(policy!.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test("the backend's policies come out exactly as the backend wrote them", () => {
    for (const recommendation of ['k8s-np', 'anp-deny-applied'] as const) {
      const frames = backendFrames(recommendation);
      const whole = frames.find((frame) => frame.name === 'recommendation')!.fields[0]!.values[0] as string;
      expect(selectionYaml(policiesOf(frames), initialSelection(true))).toBe(
        whole.endsWith('\n') ? whole : `${whole}\n`
      );
    }
  });
});

/** Applies a random choice to every policy and rule: the selection a user could click together. */
function chooseRandomly(policies: ReviewedPolicy[], base: boolean, choices: boolean[]): PolicySelection {
  let selection = initialSelection(base);
  let next = 0;
  const choice = () => choices[next++ % choices.length]!;
  for (const policy of policies) {
    selection = setPolicies(selection, [policy.key], choice());
    for (const rule of policy.document?.rules ?? []) {
      selection = setRule(selection, policy.key, rule.key, choice());
    }
  }
  return selection;
}

/** What the selection must mean: the selected policies, each with exactly its kept rules. */
function expectedPolicies(policies: ReviewedPolicy[], selection: PolicySelection): unknown[] {
  return policies
    .filter((policy) => policy.document && selection.base !== selection.toggled.has(policy.key))
    .map((policy) => {
      const object = parse(policy.document!.lines.join('\n')) as TestPolicy;
      for (const direction of ['ingress', 'egress'] as const) {
        const rules = object.spec[direction];
        if (!Array.isArray(rules)) continue;
        const kept = policy.document!.rules.filter((rule) => rule.direction === direction);
        object.spec[direction] = rules.filter((_, i) => !selection.excludedRules.get(policy.key)?.has(kept[i]!.key));
      }
      return object;
    });
}

describe('any selection', () => {
  test('gives YAML that parses back to exactly the selected policies and their selected rules', () => {
    const backendPolicies = [...policiesOf(backendFrames('k8s-np')), ...policiesOf(backendFrames('anp-deny-applied'))];
    const synthetic = fc
      .array(fc.tuple(policyArbitrary, fc.boolean()), { minLength: 1, maxLength: 8 })
      .map((list) =>
        policiesOf([
          policiesFrame(list.map(([policy, indentSeq]) => ({ ...policy, yaml: policyYamlText(policy, indentSeq) }))),
        ])
      );
    const policySets = fc.oneof(
      synthetic,
      fc.subarray(backendPolicies, { minLength: 1 }),
      fc.tuple(synthetic, fc.subarray(backendPolicies)).map(([a, b]) => [...a, ...b])
    );
    fc.assert(
      fc.property(
        policySets,
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        (policies, base, choices) => {
          const selection = chooseRandomly(policies, base, choices);
          const yaml = selectionYaml(policies, selection);
          const parsed = parseAllDocuments(yaml);
          expect(parsed.flatMap((document) => document.errors)).toEqual([]);
          expect(parsed.map((document) => document.toJSON())).toEqual(expectedPolicies(policies, selection));
        }
      ),
      { numRuns: 150 }
    );
  });
});
