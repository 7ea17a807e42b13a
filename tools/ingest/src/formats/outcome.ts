import type { FlowRecord } from '../flowlensFacts.ts';

export type FormatName = 'flowlens' | 'hubble' | 'packetbeat';

/**
 * Why a line was not stored. A small fixed set, so each is a metric label; the detail (which field,
 * what value) goes to the log with the first few lines of each reason.
 */
export type RejectReason =
  | 'not-json'
  | 'not-an-object'
  | 'unknown-format'
  | 'line-too-long'
  | 'missing-field'
  | 'invalid-field'
  | 'hubble-not-a-flow'
  | 'hubble-lost-events'
  | 'packetbeat-not-a-flow'
  | 'packetbeat-pre-ecs';

export type LineOutcome =
  { kind: 'flow'; format: FormatName; record: FlowRecord } | { kind: 'rejected'; reason: RejectReason; detail: string };

export class FieldError extends Error {
  constructor(
    readonly reason: 'missing-field' | 'invalid-field',
    detail: string
  ) {
    super(detail);
  }
}

export function rejected(reason: RejectReason, detail: string): LineOutcome {
  return { kind: 'rejected', reason, detail };
}
