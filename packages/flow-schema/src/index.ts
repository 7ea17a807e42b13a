export {
  describeCodes,
  FlowEndReason,
  flowEndReasons,
  FlowType,
  flowTypes,
  PolicyType,
  policyTypes,
  Protocol,
  protocols,
  RuleAction,
  ruleActions,
  type CodesByName,
  type FlowCode,
} from './codes.ts';
export {
  columnKind,
  flowColumnKinds,
  flowColumns,
  knownFlowColumn,
  type ColumnKind,
  type ColumnType,
  type FlowColumn,
  type FlowColumnName,
  type FlowColumnType,
} from './columns.ts';
export { decidingRuleActionSql, deniedSql } from './ruleActionSql.ts';
export {
  connectionColumns,
  connectionEndedSql,
  connectionStartHashSql,
  connectionStartMinuteOf,
  connectionStartMinuteSql,
} from './connection.ts';
export { endpointName, podName, policyName, type Direction, type Side } from './endpointNames.ts';
