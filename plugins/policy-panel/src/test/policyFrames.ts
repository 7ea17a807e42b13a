import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { stringify } from 'yaml';

/** A policy object as a test writes it: what its YAML holds. */
export interface TestPolicy {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: Record<string, unknown> & { ingress?: unknown[]; egress?: unknown[] };
}

export interface PolicyRowExtras {
  appliedTo?: string;
  connections?: number;
  observed?: string[];
}

/**
 * YAML as the backend writes it (the `yaml` package, no line folding, no anchors for objects used
 * twice); kubectl's style with indentSeq false.
 */
export function policyYamlText(policy: TestPolicy, indentSeq = true): string {
  return stringify(policy, { lineWidth: 0, indentSeq, aliasDuplicateObjects: false });
}

/** A `policies` frame shaped like the backend's (recommendationFrames.ts). */
export function policiesFrame(
  policies: Array<TestPolicy & { extras?: PolicyRowExtras; yaml?: string }>,
  meta: DataFrame['meta'] = {}
): DataFrame {
  return toDataFrame({
    name: 'policies',
    refId: 'A',
    meta,
    fields: [
      { name: 'kind', type: FieldType.string, values: policies.map((p) => p.kind) },
      { name: 'apiVersion', type: FieldType.string, values: policies.map((p) => p.apiVersion) },
      { name: 'namespace', type: FieldType.string, values: policies.map((p) => p.metadata.namespace ?? '') },
      { name: 'name', type: FieldType.string, values: policies.map((p) => p.metadata.name) },
      { name: 'appliedTo', type: FieldType.string, values: policies.map((p) => p.extras?.appliedTo ?? '') },
      {
        name: 'rules',
        type: FieldType.number,
        values: policies.map((p) => (p.spec.ingress?.length ?? 0) + (p.spec.egress?.length ?? 0)),
      },
      { name: 'connections', type: FieldType.number, values: policies.map((p) => p.extras?.connections ?? 0) },
      { name: 'yaml', type: FieldType.string, values: policies.map((p) => p.yaml ?? policyYamlText(p)) },
      {
        name: 'observed',
        type: FieldType.string,
        values: policies.map((p) => JSON.stringify(p.extras?.observed ?? [])),
      },
    ],
  });
}

/** A Kubernetes NetworkPolicy for a workload, allowing ingress from the given apps on a port. */
export function networkPolicy(namespace: string, app: string, from: string[], port = 8080): TestPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `flowlens-${app}`, namespace },
    spec: {
      podSelector: { matchLabels: { app } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: from.map((peer) => ({
        from: [{ podSelector: { matchLabels: { app: peer } } }],
        ports: [{ protocol: 'TCP', port }],
      })),
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}
