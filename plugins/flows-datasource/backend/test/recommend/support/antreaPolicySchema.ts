/**
 * The shape of Antrea's crd.antrea.io/v1beta1 NetworkPolicy and ClusterNetworkPolicy as far as
 * recommendations use it, written from the openAPIV3Schema of Antrea v2.7.0's published CRDs
 * (build/charts/antrea/crds/networkpolicy.yaml, clusternetworkpolicy.yaml): field names, types,
 * enums and required fields. Stricter than the CRD where FlowLens wants it (no unknown fields), so a
 * typo in our output fails here. checkAntreaCrds.ts checks the same output against the CRD files
 * themselves when an Antrea checkout is at hand (no registry this CI reaches serves them).
 */
const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const peer = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    podSelector: labelSelector,
    namespaceSelector: labelSelector,
    ipBlock: {
      type: 'object',
      additionalProperties: false,
      required: ['cidr'],
      properties: { cidr: { type: 'string' }, except: { type: 'array', items: { type: 'string' } } },
    },
  },
  not: { required: ['ipBlock', 'podSelector'] },
};

const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    name: { type: 'string', maxLength: 253 },
    action: { enum: ['Allow', 'Drop', 'Reject', 'Pass'] },
    from: { type: 'array', items: peer },
    to: { type: 'array', items: peer },
    toServices: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string' }, namespace: { type: 'string' } },
      },
    },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          protocol: { enum: ['TCP', 'UDP', 'SCTP'] },
          port: { type: 'integer', minimum: 1, maximum: 65535 },
        },
      },
    },
    protocols: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: { icmp: { type: 'object' } },
      },
    },
  },
  // toServices stands alone: no peers or ports beside it.
  if: { required: ['toServices'] },
  then: { not: { anyOf: [{ required: ['to'] }, { required: ['ports'] }] } },
};

const spec = {
  type: 'object',
  additionalProperties: false,
  required: ['appliedTo'],
  properties: {
    tier: { type: 'string' },
    priority: { type: 'number', minimum: 1, maximum: 10000 },
    appliedTo: { type: 'array', minItems: 1, items: peer },
    ingress: { type: 'array', items: rule },
    egress: { type: 'array', items: rule },
  },
};

const metadata = (namespaced: boolean) => ({
  type: 'object',
  required: namespaced ? ['name', 'namespace'] : ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
});

export const antreaPolicySchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'crd.antrea.io/v1beta1' },
    kind: { enum: ['NetworkPolicy', 'ClusterNetworkPolicy'] },
    spec,
  },
  if: { properties: { kind: { const: 'NetworkPolicy' } } },
  then: { properties: { metadata: metadata(true) } },
  else: { properties: { metadata: metadata(false) } },
};
