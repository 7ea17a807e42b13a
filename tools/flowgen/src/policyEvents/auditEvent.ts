import type { PolicyEvent } from './columns.ts';

// A policy change as the API server's audit webhook backend sends it: an audit.k8s.io/v1 Event at
// the Metadata level, stage ResponseComplete (the one that says how the request ended), with the
// fields and annotations the API server fills for a namespaced or cluster-scoped object.

export interface AuditEventList {
  kind: 'EventList';
  apiVersion: 'audit.k8s.io/v1';
  metadata: Record<string, never>;
  items: AuditEvent[];
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: 'Metadata';
  auditID: string;
  stage: 'ResponseComplete';
  requestURI: string;
  verb: string;
  user: { username: string; groups: string[] };
  sourceIPs: string[];
  userAgent: string;
  objectRef: { resource: string; namespace?: string; name: string; apiGroup: string; apiVersion: string };
  responseStatus: { metadata: Record<string, never>; code: number; status?: string; reason?: string; message?: string };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

export function auditEventList(events: readonly PolicyEvent[]): AuditEventList {
  return { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: events.map(auditEvent) };
}

export function auditEvent(event: PolicyEvent): AuditEvent {
  const scope = event.policyNamespace ? `/namespaces/${event.policyNamespace}` : '';
  const collection = `/apis/${event.apiGroup}/${event.apiVersion}${scope}/${event.resource}`;
  const allowed = event.responseCode < 400;
  // A few milliseconds between receiving the request and answering it, within the event's second.
  const received = (parseInt(event.auditID.slice(0, 4), 16) % 800) * 1000;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: event.auditID,
    stage: 'ResponseComplete',
    requestURI: event.verb === 'create' ? collection : `${collection}/${event.policyName}`,
    verb: event.verb,
    user: { username: event.userName, groups: event.userGroups ? (JSON.parse(event.userGroups) as string[]) : [] },
    sourceIPs: event.sourceIPs ? event.sourceIPs.split(',') : [],
    userAgent: event.userAgent,
    objectRef: {
      resource: event.resource,
      ...(event.policyNamespace ? { namespace: event.policyNamespace } : {}),
      name: event.policyName,
      apiGroup: event.apiGroup,
      apiVersion: event.apiVersion,
    },
    responseStatus: allowed
      ? { metadata: {}, code: event.responseCode }
      : {
          metadata: {},
          status: 'Failure',
          reason: 'Forbidden',
          message: forbiddenMessage(event),
          code: event.responseCode,
        },
    requestReceivedTimestamp: microTime(event.eventTime, received),
    stageTimestamp: microTime(event.eventTime, received + 7_431),
    annotations: {
      'authorization.k8s.io/decision': allowed ? 'allow' : 'forbid',
      'authorization.k8s.io/reason': '',
    },
  };
}

/** The API server's words for an RBAC refusal. */
function forbiddenMessage(event: PolicyEvent): string {
  const where = event.policyNamespace ? ` in the namespace "${event.policyNamespace}"` : ' at the cluster scope';
  return (
    `${event.resource}.${event.apiGroup} "${event.policyName}" is forbidden: User "${event.userName}" cannot ` +
    `${event.verb} resource "${event.resource}" in API group "${event.apiGroup}"${where}`
  );
}

/** Kubernetes MicroTime: RFC 3339 with six fractional digits. */
function microTime(second: number, microseconds: number): string {
  return `${new Date(second * 1000).toISOString().slice(0, 19)}.${String(microseconds).padStart(6, '0')}Z`;
}
