import type { DataQuery, DataSourceJsonData } from '@grafana/schema';
import type { QueryType } from './query/queryType';

/**
 * The datasource and query contracts of docs/architecture.md. Dashboards and provisioning files depend on these
 * names: add fields, never rename them.
 */
export type Engine = 'clickhouse' | 'snowflake';
export type SnowflakeAuthType = 'password' | 'keypair' | 'oauth';

export interface HttpHeader {
  name: string;
  /** Plain value; empty when the value is kept encrypted as secureJsonData `httpHeaderValue.<name>`. */
  value: string;
}

export interface FlowsDataSourceOptions extends DataSourceJsonData {
  engine?: Engine;
  /** Seconds before a query is stopped on both sides. */
  queryTimeoutSeconds?: number;
  /** Rows per query result; beyond it the frame carries a notice. */
  rowLimit?: number;
  /**
   * Seconds between two records of one open connection: Antrea's Flow Aggregator
   * activeFlowRecordTimeout. Rates spread each record over it; time buckets never go finer.
   */
  exportIntervalSeconds?: number;
  // ClickHouse
  url?: string;
  username?: string;
  database?: string;
  tlsSkipVerify?: boolean;
  /** Builder queries read the per-minute rollup where it answers exactly; default true. */
  useRollups?: boolean;
  httpHeaders?: HttpHeader[];
  // Snowflake
  account?: string;
  role?: string;
  warehouse?: string;
  schema?: string;
  authType?: SnowflakeAuthType;
}

/** Never sent back to the browser once saved; the backend receives them decrypted. */
export interface FlowsSecureJsonData {
  password?: string;
  tlsCACert?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  oauthToken?: string;
  /** `httpHeaderValue.<header name>` */
  [httpHeaderValue: `httpHeaderValue.${string}`]: string | undefined;
}

export type { QueryType };
export type QueryFormat = 'table' | 'timeseries';

/** Operators the backend turns into SQL conditions (backend/src/sql/conditions.ts). */
export type FilterOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '=~' | '!~' | 'in' | 'not in';

/** One condition of the builder or of Grafana's ad-hoc filter bar; values may hold template variables. */
export interface FlowsFilter {
  key: string;
  operator: FilterOperator;
  value: string | string[];
}

export interface FlowsQuery extends DataQuery {
  queryType?: QueryType;
  format?: QueryFormat;
  rawSql?: string;
  flows?: FlowsBuilderQuery;
  serviceMap?: ServiceMapQuery;
  recommend?: RecommendQuery;
  /** The anomaly detection model (backend/src/anomalies/detectOptions.ts); written in dashboards and alert rules. */
  detect?: Record<string, unknown> & { version: 1 };
  /** Filled from the dashboard's ad-hoc filters just before the query is sent; never saved. */
  adHocFilters?: FlowsFilter[];
}

/**
 * The builder's versioned model; the backend compiles it for either engine. Keys are the names in
 * builder/vocabulary.ts, which a test holds equal to the backend's.
 */
export interface FlowsBuilderQuery {
  version: 1;
  view: string;
  metric: string;
  groupBy: string[];
  filters: FlowsFilter[];
  /** Keep only the N largest groups (or series); absent means all. */
  topN?: number;
}

/**
 * The policy recommendation's versioned model (backend/src/recommend/recommendOptions.ts reads it).
 * Choices, flags and the flow limit may hold a template variable (`$policyType`); lists may hold
 * variables among names. The frontend interpolates them (variables/recommendVariables.ts) before the
 * backend sees the query; an absent field takes the backend's default.
 */
export interface RecommendQuery {
  version: 1;
  /** `k8s-np`, `anp-deny-applied`, `anp-deny-all`. */
  policyType?: string;
  /** `workload` or `namespace`. */
  granularity?: string;
  /** `initial` or `subsequent`. */
  runType?: string;
  namespaces?: string[];
  excludedNamespaces?: string[];
  allowedNamespaces?: string[];
  clusters?: string[];
  dropGeneratedLabels?: boolean | string;
  allowDns?: boolean | string;
  toServices?: boolean | string;
  flowLimit?: number | string;
}

export const defaultOptions = {
  engine: 'clickhouse',
  queryTimeoutSeconds: 60,
  rowLimit: 1_000_000,
  exportIntervalSeconds: 60,
  database: 'default',
} as const satisfies Partial<FlowsDataSourceOptions>;

/**
 * The service map's versioned model (backend/src/servicemap/serviceMapOptions.ts): nodes and edges for
 * Grafana's node graph. `groupBy` may be a template variable; filters take the builder's keys.
 */
export interface ServiceMapQuery {
  version: 1;
  groupBy?: string;
  filters?: FlowsFilter[];
  maxNodes?: number;
  foldBy?: 'namespace' | 'all';
  services?: boolean;
}
