/**
 * The `recommend` query model (version 1): what to recommend policies for and in which style.
 * Unknown fields or values are per-query errors that name them.
 */
export type PolicyType = 'k8s-np' | 'anp-deny-applied' | 'anp-deny-all';
export type Granularity = 'workload' | 'namespace';
export type RunType = 'initial' | 'subsequent';

export interface RecommendOptions {
  /** Kubernetes NetworkPolicies, or Antrea policies with default deny on the pods they allow, or on all. */
  policyType: PolicyType;
  /** One policy per workload (its stable labels), or one for all pods of a namespace. */
  granularity: Granularity;
  /** `subsequent` reads only flows no applied policy covered yet (no ingress or egress policy named). */
  runType: RunType;
  /** Namespaces to write policies for; empty means every namespace seen. */
  namespaces: string[];
  /** Namespaces that get no policies (their traffic still shapes the others' rules). */
  excludedNamespaces: string[];
  /** Namespaces whose traffic is allowed wholesale, as Theia does for the CNI's own namespaces. */
  allowedNamespaces: string[];
  /** clusterUUIDs to read; empty means all. */
  clusters: string[];
  /** Leave out labels controllers generate per revision or pod (pod-template-hash …). */
  dropGeneratedLabels: boolean;
  /** Give every policy an egress rule to kube-dns on port 53. */
  allowDns: boolean;
  /** Antrea types: allow pod-to-Service flows with toServices rules instead of the backends' labels. */
  toServices: boolean;
  /** At most this many distinct connection kinds are read (the answer says when more existed). */
  flowLimit: number;
}

export const defaultAllowedNamespaces = ['kube-system', 'flow-aggregator', 'flow-visibility'];

export const defaultRecommendOptions: RecommendOptions = {
  policyType: 'k8s-np',
  granularity: 'workload',
  runType: 'initial',
  namespaces: [],
  excludedNamespaces: [],
  allowedNamespaces: defaultAllowedNamespaces,
  clusters: [],
  dropGeneratedLabels: true,
  allowDns: true,
  toServices: true,
  flowLimit: 100_000,
};

export class RecommendOptionsError extends Error {}

const choices = {
  policyType: ['k8s-np', 'anp-deny-applied', 'anp-deny-all'],
  granularity: ['workload', 'namespace'],
  runType: ['initial', 'subsequent'],
} as const;

const lists = ['namespaces', 'excludedNamespaces', 'allowedNamespaces', 'clusters'] as const;
const flags = ['dropGeneratedLabels', 'allowDns', 'toServices'] as const;
const known = new Set<string>(['version', ...Object.keys(choices), ...lists, ...flags, 'flowLimit']);

export function parseRecommendOptions(model: unknown): RecommendOptions {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw new RecommendOptionsError('the policy recommendation query is missing its "recommend" settings');
  }
  const input = model as Record<string, unknown>;
  if (input.version !== 1) {
    throw new RecommendOptionsError(
      `policy recommendation query version ${JSON.stringify(input.version)} is not supported by this plugin version (it reads version 1); update the plugin`
    );
  }
  const unknownKey = Object.keys(input).find((key) => !known.has(key));
  if (unknownKey) {
    throw new RecommendOptionsError(`unknown policy recommendation setting "${unknownKey}"`);
  }
  const options: RecommendOptions = { ...defaultRecommendOptions };
  for (const [key, allowed] of Object.entries(choices) as Array<[keyof typeof choices, readonly string[]]>) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new RecommendOptionsError(`${key} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
    (options as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of lists) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    options[key] = stringList(key, value);
  }
  for (const key of flags) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') {
      throw new RecommendOptionsError(`${key} must be true or false, got ${JSON.stringify(value)}`);
    }
    options[key] = value;
  }
  if (input.flowLimit !== undefined && input.flowLimit !== null && input.flowLimit !== '') {
    const limit = Number(input.flowLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000_000) {
      throw new RecommendOptionsError(
        `flowLimit must be a whole number from 1 to 10000000, got ${JSON.stringify(input.flowLimit)}`
      );
    }
    options.flowLimit = limit;
  }
  return options;
}

/** A list of names; Grafana's "All" ($__all, *) or an empty string means no restriction. */
function stringList(key: string, value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      throw new RecommendOptionsError(`${key} must be a list of names, got ${JSON.stringify(value)}`);
    }
    const name = item.trim();
    if (name === '$__all' || name === '*') return [];
    if (name !== '') names.push(name);
  }
  return [...new Set(names)].sort();
}
