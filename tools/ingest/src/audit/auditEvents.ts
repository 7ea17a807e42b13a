import type { PolicyEvent } from '../flowlensFacts.ts';
import {
  isObject,
  maxUInt16,
  objectAt,
  secondsFromTimestamp,
  stringAt,
  unsignedAt,
  type Json,
} from '../formats/fields.ts';
import { FieldError } from '../formats/outcome.ts';
import { changingVerbs, policyResource } from './policyResources.ts';

/** Why an audit event is no policy change; counted, as every event the API server sent is. */
export type IgnoredReason = 'not-a-policy' | 'read-only-verb' | 'not-response-complete' | 'dry-run' | 'subresource';

export interface AuditBatch {
  events: PolicyEvent[];
  ignored: Partial<Record<IgnoredReason, number>>;
  /** Items that are not audit events an API server writes: position and what is wrong. */
  invalid: Array<{ item: number; detail: string }>;
}

/** The body of the audit webhook backend: an audit.k8s.io/v1 EventList (a single Event is taken too). */
export function policyEventsOf(body: unknown, clusterUUID: string): AuditBatch {
  if (!isObject(body) || (body.kind !== 'EventList' && body.kind !== 'Event')) {
    throw new FieldError('invalid-field', 'the body is not an audit.k8s.io/v1 EventList (kind "EventList" with items)');
  }
  if (body.apiVersion !== undefined && body.apiVersion !== 'audit.k8s.io/v1') {
    throw new FieldError(
      'invalid-field',
      `apiVersion ${JSON.stringify(body.apiVersion)}: only audit.k8s.io/v1 is read`
    );
  }
  const items: unknown[] = body.kind === 'Event' ? [body] : Array.isArray(body.items) ? body.items : [];
  if (body.kind === 'EventList' && !Array.isArray(body.items) && body.items !== undefined && body.items !== null) {
    throw new FieldError('invalid-field', 'items is not a list');
  }
  const batch: AuditBatch = { events: [], ignored: {}, invalid: [] };
  items.forEach((item, index) => {
    try {
      const outcome = policyEventOf(item, clusterUUID);
      if (typeof outcome === 'string') batch.ignored[outcome] = (batch.ignored[outcome] ?? 0) + 1;
      else batch.events.push(outcome);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      batch.invalid.push({ item: index, detail: error.message });
    }
  });
  return batch;
}

function policyEventOf(item: unknown, clusterUUID: string): PolicyEvent | IgnoredReason {
  if (!isObject(item)) throw new FieldError('invalid-field', 'the item is not an object');
  const objectRef = objectAt(item, 'objectRef', '');
  const apiGroup = stringAt(objectRef, 'apiGroup', 'objectRef.');
  const resource = stringAt(objectRef, 'resource', 'objectRef.');
  const policy = policyResource(apiGroup, resource);
  if (!policy) return 'not-a-policy';
  const verb = stringAt(item, 'verb', '');
  if (!changingVerbs.has(verb)) return 'read-only-verb';
  // One request makes an event per stage; ResponseComplete is the one that says how it ended.
  if (stringAt(item, 'stage', '') !== 'ResponseComplete') return 'not-response-complete';
  if (stringAt(objectRef, 'subresource', 'objectRef.') !== '') return 'subresource';
  if (/[?&]dryRun=/.test(stringAt(item, 'requestURI', ''))) return 'dry-run';
  const auditID = stringAt(item, 'auditID', '');
  if (!auditID) throw new FieldError('missing-field', 'auditID');
  const time = item.stageTimestamp ?? item.requestReceivedTimestamp ?? item.timestamp;
  if (time === undefined) throw new FieldError('missing-field', 'stageTimestamp');
  const user = objectAt(item, 'user', '');
  const groups = Array.isArray(user?.groups) ? user.groups.filter((group) => typeof group === 'string') : [];
  const sourceIPs = Array.isArray(item.sourceIPs) ? item.sourceIPs.filter((ip) => typeof ip === 'string') : [];
  return {
    eventTime: secondsFromTimestamp(time, 'stageTimestamp'),
    auditID,
    verb,
    apiGroup,
    apiVersion: stringAt(objectRef, 'apiVersion', 'objectRef.'),
    resource,
    kind: policy.kind,
    policyNamespace: stringAt(objectRef, 'namespace', 'objectRef.'),
    policyName: stringAt(objectRef, 'name', 'objectRef.') || nameInBody(item),
    policyType: policy.policyType,
    userName: stringAt(user, 'username', 'user.'),
    userGroups: groups.length > 0 ? JSON.stringify(groups) : '',
    impersonatedUser: stringAt(objectAt(item, 'impersonatedUser', ''), 'username', 'impersonatedUser.'),
    userAgent: stringAt(item, 'userAgent', ''),
    sourceIPs: sourceIPs.join(','),
    responseCode: unsignedAt(objectAt(item, 'responseStatus', ''), 'code', 'responseStatus.', maxUInt16),
    clusterUUID,
  };
}

/** A create names its object in the body: there at the Request and RequestResponse audit levels. */
function nameInBody(item: Json): string {
  for (const key of ['responseObject', 'requestObject']) {
    const metadata = isObject(item[key]) ? (item[key] as Json).metadata : undefined;
    if (isObject(metadata) && typeof metadata.name === 'string') return metadata.name;
  }
  return '';
}
