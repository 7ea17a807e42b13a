import { FilterError, parseFilters, type Filter } from '../sql/conditions.ts';

/**
 * The `serviceMap` query model (version 1): which nodes to draw and how many. Unknown fields or
 * values are per-query errors that name them.
 */
export type GroupBy = 'workload' | 'namespace' | 'pod';
export type FoldBy = 'namespace' | 'all';

export interface ServiceMapOptions {
  /** What one node is: a workload (pods of a namespace with the same stable labels), a namespace, a pod. */
  groupBy: GroupBy;
  /** Conditions on the flows, with the Flows builder's keys (namespace, cluster, sourcePod, any column …). */
  filters: Filter[];
  /** At most this many nodes; the smallest are folded into "Other" nodes. */
  maxNodes: number;
  /** One "Other" node per namespace (and one for outside addresses), or one for everything folded. */
  foldBy: FoldBy;
  /** Draw a Service between its clients and its backends (client → Service → backend). */
  services: boolean;
}

/**
 * Grafana's node graph shows at most 200 nodes and hides the rest behind markers
 * (`defaultNodeCountLimit = 200` in public/app/plugins/panel/nodeGraph/NodeGraph.tsx, Grafana 11–13;
 * the docs page still says 1,500, the limit of Grafana 7–8). The dashboard panel passes no other
 * limit, so more nodes than that would be hidden by the panel instead of folded by us.
 */
export const nodeGraphNodeLimit = 200;

export const defaultServiceMapOptions: ServiceMapOptions = {
  groupBy: 'workload',
  filters: [],
  maxNodes: 100,
  foldBy: 'namespace',
  services: true,
};

export class ServiceMapOptionsError extends Error {}

const choices = {
  groupBy: ['workload', 'namespace', 'pod'],
  foldBy: ['namespace', 'all'],
} as const;

const known = new Set(['version', 'groupBy', 'filters', 'maxNodes', 'foldBy', 'services']);

export function parseServiceMapOptions(model: unknown): ServiceMapOptions {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw new ServiceMapOptionsError('the service map query is missing its "serviceMap" settings');
  }
  const input = model as Record<string, unknown>;
  if (input.version !== 1) {
    throw new ServiceMapOptionsError(
      `service map query version ${JSON.stringify(input.version)} is not supported by this plugin version (it reads version 1); update the plugin`
    );
  }
  const unknownKey = Object.keys(input).find((key) => !known.has(key));
  if (unknownKey) {
    throw new ServiceMapOptionsError(
      `unknown service map setting "${unknownKey}"; the settings are ${[...known].filter((key) => key !== 'version').join(', ')}`
    );
  }
  const options: ServiceMapOptions = { ...defaultServiceMapOptions };
  for (const key of Object.keys(choices) as Array<keyof typeof choices>) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    const allowed: readonly string[] = choices[key];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new ServiceMapOptionsError(`${key} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
    (options as unknown as Record<string, unknown>)[key] = value;
  }
  try {
    options.filters = parseFilters(input.filters, 'filters');
  } catch (error) {
    throw new ServiceMapOptionsError(error instanceof FilterError ? error.message : String(error));
  }
  if (input.maxNodes !== undefined && input.maxNodes !== null && input.maxNodes !== '') {
    const maxNodes = Number(input.maxNodes);
    if (!Number.isInteger(maxNodes) || maxNodes < 2 || maxNodes > nodeGraphNodeLimit) {
      throw new ServiceMapOptionsError(
        `maxNodes must be a whole number from 2 to ${nodeGraphNodeLimit} (Grafana's node graph hides nodes beyond ${nodeGraphNodeLimit}), got ${JSON.stringify(input.maxNodes)}`
      );
    }
    options.maxNodes = maxNodes;
  }
  if (input.services !== undefined && input.services !== null) {
    if (typeof input.services !== 'boolean') {
      throw new ServiceMapOptionsError(`services must be true or false, got ${JSON.stringify(input.services)}`);
    }
    options.services = input.services;
  }
  return options;
}
