// The policy_events table's columns (provisioning/clickhouse/04-policy-events.sql): one row per change
// of a NetworkPolicy-like object, from the Kubernetes API server's audit events. timeInserted takes
// its DEFAULT and is not written.

export const policyEventColumns = [
  { name: 'eventTime', type: 'DateTime' },
  { name: 'auditID', type: 'String' },
  { name: 'verb', type: 'String' },
  { name: 'apiGroup', type: 'String' },
  { name: 'apiVersion', type: 'String' },
  { name: 'resource', type: 'String' },
  { name: 'kind', type: 'String' },
  { name: 'policyNamespace', type: 'String' },
  { name: 'policyName', type: 'String' },
  { name: 'policyType', type: 'UInt8' },
  { name: 'userName', type: 'String' },
  { name: 'userGroups', type: 'String' },
  { name: 'impersonatedUser', type: 'String' },
  { name: 'userAgent', type: 'String' },
  { name: 'sourceIPs', type: 'String' },
  { name: 'responseCode', type: 'UInt16' },
  { name: 'clusterUUID', type: 'String' },
] as const;

type PolicyEventColumn = (typeof policyEventColumns)[number];

/** One policy change as a plain object keyed by column name; eventTime in unix seconds. */
export type PolicyEvent = {
  [K in PolicyEventColumn as K['name']]: K['type'] extends 'String' ? string : number;
};
