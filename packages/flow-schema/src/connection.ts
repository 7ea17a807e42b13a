import { FlowEndReason } from './codes.ts';

/**
 * The columns that name one connection: its 5-tuple and start time (a new connection on the same
 * ports is another one). Columns, not one concatenated string: grouping and `count(DISTINCT a, b, …)`
 * by them spare both engines building a string per row, and work on ClickHouse and Snowflake alike.
 */
export const connectionColumns: readonly string[] = [
  'sourceIP',
  'sourceTransportPort',
  'destinationIP',
  'destinationTransportPort',
  'protocolIdentifier',
  'flowStartSeconds',
];

/** A record that says its connection ended: on idle timeout or at the end of the flow, not on the active timeout. */
export const connectionEndedSql = `flowEndReason IN (${FlowEndReason.idleTimeout}, ${FlowEndReason.endOfFlow})`;
