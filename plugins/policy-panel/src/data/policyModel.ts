import { type DataFrame, type Field, FieldType } from '@grafana/data';
import { groupPolicies } from './policyGroups';
import { PolicyYamlError, readPolicyDocuments } from './policyDocument';
import { type Notice, type PolicyDocument, type PolicyReviewModel, type ReviewedPolicy } from './types';

/**
 * Frames → the review model. The contract is the FlowLens datasource's policy recommendation: a frame
 * `policies` with one row per policy (yaml, and kind, apiVersion, namespace, name, appliedTo,
 * connections, observed beside it) and notices in its meta. The YAML is the truth: identity comes from
 * it; the other fields add what a reviewer needs. A frame with only a `yaml` field also works, and a
 * cell holding several YAML documents (the `recommendation` frame's) gives one policy per document.
 */
export type PolicyData =
  { kind: 'noData' } | { kind: 'problem'; message: string } | { kind: 'model'; model: PolicyReviewModel };

/** The backend's field names (backend/src/recommend/recommendationFrames.ts). */
export const policyFields = {
  yaml: 'yaml',
  kind: 'kind',
  apiVersion: 'apiVersion',
  namespace: 'namespace',
  name: 'name',
  appliedTo: 'appliedTo',
  connections: 'connections',
  observed: 'observed',
} as const;

export const policiesFrameName = 'policies';

const rowCount = (frame: DataFrame) => frame.length ?? frame.fields[0]?.values.length ?? 0;
const fieldNamed = (frame: DataFrame, name: string) => frame.fields.find((field) => field.name === name);

function describeFrame(frame: DataFrame): string {
  const fields = frame.fields.map((field) => `${field.name} (${field.type})`).join(', ') || 'no fields';
  return `${frame.name ? `frame ${frame.name}` : 'a frame'}${frame.refId ? ` of query ${frame.refId}` : ''}: ${fields}`;
}

function textCell(field: Field | undefined, row: number): string {
  const value: unknown = field?.values[row];
  return value === null || value === undefined ? '' : String(value);
}

function numberCell(field: Field | undefined, row: number): number | undefined {
  const value: unknown = field?.values[row];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function noticesOf(frames: DataFrame[]): Notice[] {
  const seen = new Set<string>();
  const notices: Notice[] = [];
  for (const frame of frames) {
    for (const notice of frame.meta?.notices ?? []) {
      const severity = notice.severity === 'error' || notice.severity === 'warning' ? notice.severity : 'info';
      const key = `${severity}:${notice.text}`;
      if (!seen.has(key)) {
        seen.add(key);
        notices.push({ severity, text: notice.text });
      }
    }
  }
  return notices;
}

const policyKey = (kind: string, apiVersion: string, namespace: string, name: string) =>
  [kind, apiVersion, namespace, name].join('|');

/** The policies of one frame row: usually one; several when the cell holds several documents. */
function rowPolicies(frame: DataFrame, row: number): ReviewedPolicy[] {
  const cell = (name: string) => textCell(fieldNamed(frame, name), row);
  const fallback = {
    kind: cell(policyFields.kind) || 'Policy',
    apiVersion: cell(policyFields.apiVersion),
    namespace: cell(policyFields.namespace),
    name: cell(policyFields.name) || `row ${row + 1}${frame.refId ? ` of query ${frame.refId}` : ''}`,
    appliedTo: cell(policyFields.appliedTo),
  };
  const text = cell(policyFields.yaml);
  let documents: PolicyDocument[];
  try {
    if (text.trim() === '') throw new PolicyYamlError('its YAML is empty');
    documents = readPolicyDocuments(text);
  } catch (error) {
    if (!(error instanceof PolicyYamlError)) throw error;
    const { kind, apiVersion, namespace, name } = fallback;
    return [{ ...fallback, key: policyKey(kind, apiVersion, namespace, name), problem: error.message }];
  }
  const single = documents.length === 1;
  const observed = fieldNamed(frame, policyFields.observed);
  return documents.map((document) => {
    // A namespaced policy written without metadata.namespace (applied with -n) takes the row's.
    const namespace = document.namespace || (single ? fallback.namespace : '');
    return {
      key: policyKey(document.kind, document.apiVersion, namespace, document.name),
      kind: document.kind,
      apiVersion: document.apiVersion,
      namespace,
      name: document.name,
      appliedTo: single ? fallback.appliedTo : '',
      ...(single ? { connections: numberCell(fieldNamed(frame, policyFields.connections), row) } : {}),
      ...(single && observed && textCell(observed, row) !== '' ? { observed: textCell(observed, row) } : {}),
      document,
    };
  });
}

/** The same policy twice (two queries, or a repeated row) stays listed twice, under distinct keys. */
function uniqueKeys(policies: ReviewedPolicy[]): ReviewedPolicy[] {
  const seen = new Map<string, number>();
  return policies.map((policy) => {
    const count = (seen.get(policy.key) ?? 0) + 1;
    seen.set(policy.key, count);
    return count === 1 ? policy : { ...policy, key: `${policy.key}#${count}` };
  });
}

export function buildPolicyModel(frames: DataFrame[]): PolicyData {
  const withYaml = frames.filter((frame) => fieldNamed(frame, policyFields.yaml));
  if (withYaml.length === 0) {
    if (frames.every((frame) => rowCount(frame) === 0)) {
      return { kind: 'noData' };
    }
    return {
      kind: 'problem',
      message: `The policy panel shows recommended policies: a frame with a "yaml" text field, one row per policy, as the FlowLens datasource's "Policy recommendation" query returns. The data has ${frames.map(describeFrame).join('; ')}.`,
    };
  }
  // The backend sends every policy twice: per row in `policies`, all at once in `recommendation`.
  const named = withYaml.filter((frame) => frame.name === policiesFrameName);
  const chosen = named.length > 0 ? named : withYaml;
  const wrongType = chosen.find((frame) => fieldNamed(frame, policyFields.yaml)!.type !== FieldType.string);
  if (wrongType) {
    return {
      kind: 'problem',
      message: `The "yaml" field must hold each policy's YAML as text; in ${describeFrame(wrongType)} it holds ${fieldNamed(wrongType, policyFields.yaml)!.type} values.`,
    };
  }
  const policies = uniqueKeys(
    chosen.flatMap((frame) => Array.from({ length: rowCount(frame) }, (_, row) => rowPolicies(frame, row)).flat())
  );
  return { kind: 'model', model: { policies, groups: groupPolicies(policies), notices: noticesOf(frames) } };
}
