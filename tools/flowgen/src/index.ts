// @flowlens/flowgen: deterministic Antrea-style flow records for demos and tests, and loaders.
// Start with loadIntoChdb / loadIntoClickHouse; generateFlows gives the records as objects.

export { flowColumns, type FlowColumn, type FlowRecord } from './columns.ts';
export type { ColumnType } from './columns.ts';
export { FlowRecordCursor, fillCursor, RouteInterner } from './record.ts';
export { compileEquality, compileObjectBuilder, compilePick, compileValuesReader } from './propertyAccessors.ts';
export { ByteWriter } from './encoding/byteWriter.ts';
export type { FlowEncoder } from './encoding/encoder.ts';
export { RowBinaryEncoder } from './encoding/rowBinary.ts';
export { TabSeparatedEncoder } from './encoding/tabSeparated.ts';
export { policyEventColumns, type PolicyEvent } from './policyEvents/columns.ts';
export { policyEventsCsv, policyEventsInsertSql, policyEventsTabSeparated } from './policyEvents/tabSeparated.ts';
export {
  insertPolicyEventsIntoChdb,
  insertPolicyEventsIntoClickHouse,
  policyEventsOfBackfill,
} from './policyEvents/backfill.ts';
export { generatePolicyEvents, type PolicyEventRange } from './model/policyChanges.ts';
export { auditEvent, auditEventList, type AuditEvent, type AuditEventList } from './policyEvents/auditEvent.ts';
export { sendLivePolicyChanges, type LiveAuditOptions } from './policyEvents/liveAuditWebhook.ts';
export { generateFlows } from './generate.ts';
export { writeFlows, writeLiveFlows, type WriteOptions, type WriteResult } from './load.ts';
export {
  loadIntoChdb,
  loadIntoClickHouse,
  type ChdbLoadOptions,
  type ClickHouseLoadOptions,
  type ClickHouseLoadResult,
  type LoadResult,
} from './loaders.ts';
export { Cluster, type Endpoint, type Pod, type Service } from './model/cluster.ts';
export { anomalies, buildConversations, type Conversation } from './model/conversations.ts';
export { daylightFactor } from './model/daylight.ts';
export { policyRules, type PolicyRule } from './model/policies.ts';
export { defaultFrom, type GenerateOptions, type InjectionInput, type LiveOptions } from './options.ts';
export type { Injection } from './model/injections.ts';
export {
  adaptedSchema,
  applySchema,
  defaultSchemaDir,
  snowflakeSchemaDir,
  type ApplySchemaOptions,
  type SchemaReport,
  type SchemaTarget,
} from './schema.ts';
export { chdbSchemaTarget, clickhouseSchemaTarget, snowflakeSchemaTarget } from './schemaTargets.ts';
export { SnowflakeSink, type SnowflakeSinkOptions } from './sinks/snowflake.ts';
export { SnowflakeSession, type SnowflakeConnectionOptions } from './snowflake/session.ts';
export { ChdbSink, type ChdbSinkOptions } from './sinks/chdb.ts';
export { ClickHouseHttpSink, type ClickHouseSinkOptions, type DuplicateGuard } from './sinks/clickhouseHttp.ts';
export { FileSink, OutputClosedError, type FileFormat, type FileSinkOptions } from './sinks/file.ts';
export type { FlowBatch, FlowSink } from './sinks/sink.ts';
export {
  ClickHouseError,
  ClickHouseHttp,
  plainIdentifier,
  type ClickHouseConnectionOptions,
} from './clickhouse/http.ts';
export { atLeast, parseVersion, type Version } from './clickhouse/version.ts';
export { parseTime, formatTime, type TimeInput } from './time.ts';
export { shardedTables, type ClusterLayout } from './clusterSchema.ts';
