import { FieldType, toDataFrame } from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { backendFrames } from '../test/backendFrames';
import { networkPolicy, policiesFrame, policyYamlText } from '../test/policyFrames';
import { buildPolicyModel, type PolicyData } from './policyModel';
import { type PolicyReviewModel } from './types';

function model(data: PolicyData): PolicyReviewModel {
  if (data.kind !== 'model') throw new Error(`expected a model, got ${JSON.stringify(data)}`);
  return data.model;
}

const column = (frames: ReturnType<typeof backendFrames>, name: string) =>
  frames.find((frame) => frame.name === 'policies')!.fields.find((field) => field.name === name)!.values;

describe("the backend's answer", () => {
  test('Kubernetes NetworkPolicies: one per row, grouped by namespace in order, rules as the backend counted', () => {
    const frames = backendFrames('k8s-np');
    const { policies, groups, notices } = model(buildPolicyModel(frames));
    expect(policies.map((policy) => policy.name)).toEqual(column(frames, 'name'));
    expect(policies.map((policy) => policy.document?.rules.length)).toEqual(column(frames, 'rules'));
    expect(policies.map((policy) => policy.connections)).toEqual(column(frames, 'connections'));
    expect(groups.map((group) => group.title)).toEqual(['bookinfo', 'dev', 'monitoring', 'reports', 'shop']);
    expect(policies.every((policy) => policy.problem === undefined && policy.kind === 'NetworkPolicy')).toBe(true);
    // The backend's notes about wide rules reach the panel.
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]).toEqual({ severity: 'info', text: expect.stringContaining('outside addresses') });
  });

  test('Antrea policies: ClusterNetworkPolicies in a cluster-wide group, last', () => {
    const { groups } = model(buildPolicyModel(backendFrames('anp-deny-applied')));
    expect(groups.at(-1)!.title).toBe('Cluster-wide');
    expect(groups.at(-1)!.policies.map((policy) => policy.kind)).toEqual(
      groups.at(-1)!.policies.map(() => 'ClusterNetworkPolicy')
    );
    expect(groups.at(-1)!.policies[0]!.name).toBe('flowlens-allow-namespace-kube-system');
  });

  test('rules in words', () => {
    const { policies } = model(buildPolicyModel(backendFrames('anp-deny-applied')));
    const ratings = policies.find(
      (policy) => policy.name.startsWith('flowlens-ratings') && policy.kind === 'NetworkPolicy'
    )!;
    expect(ratings.document!.rules.map((rule) => rule.summary)).toEqual([
      { title: 'allow-ingress-1', action: 'Allow', peers: 'from bookinfo: app=reviews, version=v2', ports: 'TCP 9080' },
      { title: 'allow-ingress-2', action: 'Allow', peers: 'from bookinfo: app=reviews, version=v3', ports: 'TCP 9080' },
      { title: 'allow-egress-1', action: 'Allow', peers: 'to kube-system: k8s-app=kube-dns', ports: 'UDP 53, TCP 53' },
    ]);
    const deny = policies.find((policy) => policy.name === 'flowlens-deny-shop-worker-a552db')!;
    expect(deny.document!.rules.map((rule) => `${rule.summary.action} ${rule.summary.peers}`)).toEqual([
      'Reject from any peer',
      'Reject to any peer',
    ]);
  });

  test('only the whole-recommendation frame: one policy per YAML document', () => {
    const frames = backendFrames('k8s-np').filter((frame) => frame.name === 'recommendation');
    const { policies } = model(buildPolicyModel(frames));
    expect(policies.map((policy) => policy.name)).toEqual(column(backendFrames('k8s-np'), 'name'));
    expect(policies.every((policy) => policy.connections === undefined && policy.document)).toBe(true);
  });
});

describe('data problems are messages', () => {
  test.each([
    ['no frames', []],
    ['an empty frame', [toDataFrame({ fields: [] })]],
    ['frames without rows', [toDataFrame({ fields: [{ name: 'x', type: FieldType.string, values: [] }] })]],
  ])('%s → no data', (_name, frames) => {
    expect(buildPolicyModel(frames)).toEqual({ kind: 'noData' });
  });

  test('a table without a yaml field says what the panel reads and what the data has', () => {
    const frames = [
      toDataFrame({
        refId: 'A',
        name: 'flows',
        fields: [
          { name: 'sourcePod', type: FieldType.string, values: ['a'] },
          { name: 'bytes', type: FieldType.number, values: [1] },
        ],
      }),
    ];
    expect(buildPolicyModel(frames)).toEqual({
      kind: 'problem',
      message:
        'The policy panel shows recommended policies: a frame with a "yaml" text field, one row per policy, as the FlowLens datasource\'s "Policy recommendation" query returns. The data has frame flows of query A: sourcePod (string), bytes (number).',
    });
  });

  test('a yaml field of numbers', () => {
    const frames = [toDataFrame({ refId: 'B', fields: [{ name: 'yaml', type: FieldType.number, values: [1] }] })];
    expect(buildPolicyModel(frames)).toEqual({
      kind: 'problem',
      message:
        'The "yaml" field must hold each policy\'s YAML as text; in a frame of query B: yaml (number) it holds number values.',
    });
  });

  test('a policy whose YAML does not parse stays listed with the reason, the others are unaffected', () => {
    const good = networkPolicy('shop', 'api', ['web']);
    const broken = { ...networkPolicy('shop', 'db', ['api']), yaml: 'apiVersion: v1\nkind: [broken' };
    const { policies } = model(buildPolicyModel([policiesFrame([good, broken])]));
    expect(policies[0]!.document).toBeDefined();
    expect(policies[1]).toMatchObject({
      name: 'flowlens-db',
      namespace: 'shop',
      problem:
        'its YAML does not parse: line 2: flow collections ({…} or […]) with content are not read; write them in block style',
    });
    expect(policies[1]!.document).toBeUndefined();
  });

  test.each([
    ['empty', '', 'its YAML is empty'],
    ['a list', '- a\n- b', 'its YAML is not a policy: a policy is a mapping with kind, apiVersion, metadata and spec'],
    [
      'no spec or name',
      'apiVersion: v1\nkind: NetworkPolicy\nmetadata: {}',
      'its YAML is not a policy: it has no metadata.name, spec',
    ],
    [
      'rules not a list',
      'apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  ingress: all',
      'its spec.ingress is not a list of rules',
    ],
  ])('YAML that is %s', (_name, yaml, problem) => {
    const { policies } = model(buildPolicyModel([policiesFrame([{ ...networkPolicy('shop', 'api', []), yaml }])]));
    expect(policies[0]!.problem).toBe(problem);
  });

  test('a policy listed twice keeps both rows, under distinct keys', () => {
    const api = networkPolicy('shop', 'api', ['web']);
    const { policies } = model(buildPolicyModel([policiesFrame([api, api])]));
    expect(policies.map((policy) => policy.key)).toEqual([
      'NetworkPolicy|networking.k8s.io/v1|shop|flowlens-api',
      'NetworkPolicy|networking.k8s.io/v1|shop|flowlens-api#2',
    ]);
  });

  test('a namespaced policy without metadata.namespace takes the row’s namespace', () => {
    const api = networkPolicy('shop', 'api', ['web']);
    const yaml = policyYamlText({ ...api, metadata: { name: api.metadata.name } });
    const { policies } = model(buildPolicyModel([policiesFrame([{ ...api, yaml }])]));
    expect(policies[0]!.namespace).toBe('shop');
  });

  test('notices of every frame, once each, with unknown severities as info', () => {
    const frame = policiesFrame([networkPolicy('shop', 'api', [])], {
      notices: [
        { severity: 'warning', text: 'Only the 10 busiest kinds of connection were read' },
        { severity: 'warning', text: 'Only the 10 busiest kinds of connection were read' },
        { severity: 'other' as 'info', text: 'odd' },
      ],
    });
    expect(model(buildPolicyModel([frame])).notices).toEqual([
      { severity: 'warning', text: 'Only the 10 busiest kinds of connection were read' },
      { severity: 'info', text: 'odd' },
    ]);
  });
});
