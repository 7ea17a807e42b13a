import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/**
 * The datasource and query contracts of DESIGN.md. Dashboards and provisioning files depend on these
 * names: add fields, never rename them.
 */
export type Engine = 'clickhouse' | 'snowflake';
export type SnowflakeAuthType = 'password' | 'keypair' | 'oauth';

export interface FlowsDataSourceOptions extends DataSourceJsonData {
  engine?: Engine;
  /** Seconds before a query is stopped on both sides. */
  queryTimeoutSeconds?: number;
  /** Rows per query result; beyond it the frame carries a notice. */
  rowLimit?: number;
  // ClickHouse
  url?: string;
  username?: string;
  database?: string;
  tlsSkipVerify?: boolean;
  httpHeaders?: Array<{ name: string; value: string }>;
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
}

export type QueryType = 'sql' | 'flows';
export type QueryFormat = 'table' | 'timeseries';

export interface FlowsQuery extends DataQuery {
  queryType?: QueryType;
  format?: QueryFormat;
  rawSql?: string;
  flows?: FlowsBuilderQuery;
}

/** The builder's versioned model; the backend compiles it for either engine. Filled by the frontend issue. */
export interface FlowsBuilderQuery {
  version: 1;
  [field: string]: unknown;
}

export const defaultOptions = {
  engine: 'clickhouse',
  queryTimeoutSeconds: 60,
  rowLimit: 1_000_000,
  database: 'default',
} as const satisfies Partial<FlowsDataSourceOptions>;

export const defaultQuery: Partial<FlowsQuery> = {
  queryType: 'sql',
  format: 'table',
  rawSql:
    'SELECT sourcePodName, destinationPodName, sum(octetDeltaCount) AS bytes\nFROM flows\nWHERE $__timeFilter(flowEndSeconds)\nGROUP BY sourcePodName, destinationPodName\nORDER BY bytes DESC\nLIMIT 50',
};
