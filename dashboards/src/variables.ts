import { datasourceRef, datasourceType, type Json } from './grafanaJson.ts';

/**
 * A query variable answered by the FlowLens datasource: a Flows builder question whose group-by
 * fields give the values (every one, once each). Like every builder question it reads the per-minute
 * rollup where one answers it (on 10M flowgen rows in chDB, the namespaces in 32 ms against 146-178 ms
 * for the DISTINCT over the raw flows these variables ran before), and runs unchanged on Snowflake.
 */
function builderVariable(name: string, label: string, groupBy: string[], definition: string, extra: Json = {}): Json {
  return {
    type: 'query',
    name,
    label,
    datasource: datasourceRef,
    query: {
      refId: `variable-${name}`,
      queryType: 'flows',
      format: 'table',
      flows: { version: 1, view: 'all', metric: 'flowRecords', groupBy, filters: [] },
    },
    definition,
    refresh: 2,
    sort: 1,
    regex: '',
    hide: 0,
    skipUrlSync: false,
    options: [],
    ...extra,
  };
}

const datasource: Json = {
  type: 'datasource',
  name: 'datasource',
  label: 'Data source',
  query: datasourceType,
  refresh: 1,
  regex: '',
  hide: 0,
  options: [],
  current: {},
};

const cluster = builderVariable('cluster', 'Cluster', ['cluster'], 'Flows builder: values of Cluster', {
  multi: true,
  includeAll: true,
  current: { text: ['All'], value: ['$__all'] },
});

/** Namespaces at either end: a flow into a namespace from outside it counts for that namespace too. */
const namespace = builderVariable(
  'namespace',
  'Namespace',
  ['sourceNamespace', 'destinationNamespace'],
  'Flows builder: values of Source namespace, Destination namespace',
  { multi: true, includeAll: true, current: { text: ['All'], value: ['$__all'] } }
);

/**
 * Namespaces left out of every panel: by default the cluster's own plumbing (kube-system) and the flow
 * pipeline (Antrea's flow-aggregator and Theia's flow-visibility). A variable, not SQL, so users change it.
 */
export const defaultExcludedNamespaces = ['kube-system', 'flow-aggregator', 'flow-visibility'];

const excludedNamespaces: Json = {
  type: 'custom',
  name: 'excludedNamespaces',
  label: 'Excluded namespaces',
  query: [...defaultExcludedNamespaces, 'monitoring'].join(','),
  multi: true,
  includeAll: false,
  hide: 0,
  current: { text: defaultExcludedNamespaces, value: defaultExcludedNamespaces },
  options: [...defaultExcludedNamespaces, 'monitoring'].map((value) => ({
    text: value,
    value,
    selected: defaultExcludedNamespaces.includes(value),
  })),
  allowCustomValue: true,
};

const adHocFilters: Json = {
  type: 'adhoc',
  name: 'Filters',
  label: 'Filters',
  datasource: datasourceRef,
  filters: [],
  baseFilters: [],
  hide: 0,
};

/**
 * Set by the service map's node links: a regular expression on the Flows builder's `pod` (namespace/name,
 * or the IP outside the cluster), either end. "All" (the default, with no other option) is no filter: the
 * datasource drops an `=~` filter on a variable set to All. A value from a link is not among the options,
 * so the variable accepts custom values.
 */
export const podsVariable: Json = {
  type: 'custom',
  name: 'pods',
  label: 'Pods (regex on namespace/name)',
  query: '',
  multi: false,
  includeAll: true,
  allowCustomValue: true,
  current: { text: 'All', value: '$__all' },
  options: [],
  hide: 0,
};

/** The builder filter of the pods variable. */
export const podsFilter = { key: 'pod', operator: '=~', value: '$pods' };

/** The variables every FlowLens dashboard has, in display order. */
export const commonVariables: Json[] = [datasource, cluster, namespace, excludedNamespaces, adHocFilters];

/** Builder filters for the common variables; "All" drops a filter in the datasource's frontend. */
export const commonFilters = [
  { key: 'cluster', operator: 'in', value: '$cluster' },
  { key: 'namespace', operator: 'in', value: '$namespace' },
  { key: 'namespace', operator: 'not in', value: '$excludedNamespaces' },
];

/** For dashboards that take only some of the common variables (the policy recommendation). */
export { datasource as datasourceVariable, cluster as clusterVariable, namespace as namespaceVariable };
