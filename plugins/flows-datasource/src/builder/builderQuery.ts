import type { FlowsBuilderQuery, FlowsFilter } from '../types';
import { groupFields, metrics, views } from './vocabulary';

/** A new builder query: the Sankey question "who sends the most bytes to whom". */
export const defaultBuilderQuery: FlowsBuilderQuery = {
  version: 1,
  view: 'pod-to-pod',
  metric: 'bytes',
  groupBy: ['sourcePod', 'destinationPod'],
  filters: [],
  topN: 50,
};

/**
 * A complete model from whatever a dashboard holds: missing parts get the backend's defaults (view
 * "all", metric "bytes"), a missing version becomes 1. Unknown words and other versions are kept so
 * the backend can name them in its error rather than the editor hiding them.
 */
export function normalizeBuilderQuery(flows: Partial<FlowsBuilderQuery> | undefined): FlowsBuilderQuery {
  const normalized: FlowsBuilderQuery = {
    ...flows,
    version: flows?.version ?? 1,
    view: flows?.view ?? 'all',
    metric: flows?.metric ?? 'bytes',
    groupBy: Array.isArray(flows?.groupBy) ? flows.groupBy : [],
    filters: Array.isArray(flows?.filters) ? (flows.filters as FlowsFilter[]) : [],
  };
  if (flows?.topN === undefined || flows.topN === null) {
    delete normalized.topN;
  }
  return normalized;
}

const labelOf = (terms: ReadonlyArray<{ value: string; label: string }>, value: string) =>
  terms.find((term) => term.value === value)?.label ?? value;

/** One line for query lists and history: "Bytes by Source pod, Destination pod · Pod to pod · top 50". */
export function describeBuilderQuery(flows: FlowsBuilderQuery): string {
  const parts = [labelOf(metrics, flows.metric)];
  if (flows.groupBy.length > 0) {
    parts[0] += ` by ${flows.groupBy.map((field) => labelOf(groupFields, field)).join(', ')}`;
  }
  parts.push(labelOf(views, flows.view));
  for (const filter of flows.filters) {
    parts.push(
      `${filter.key} ${filter.operator} ${Array.isArray(filter.value) ? filter.value.join('|') : filter.value}`
    );
  }
  if (flows.topN) {
    parts.push(`top ${flows.topN}`);
  }
  return parts.join(' · ');
}
