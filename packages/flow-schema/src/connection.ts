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

/** The connection columns as one argument list, e.g. for a hash of the key. */
const connectionKeySql = connectionColumns.join(', ');

/** A connection's start minute (minutes since the epoch): the same for every record of the connection. */
export const connectionStartMinuteSql = 'intDiv(toUInt32(flowStartSeconds), 60)';

/**
 * The high half of a connection's 128-bit id in the rollup (05-flows-rollups.sql holds this very
 * expression) and in the backend's queries over raw records: its start minute in the upper 32 bits and
 * a 32-bit murmur hash of its key below, XORed with the low half, cityHash64 of the key. A distinct count
 * can then be split by start minute (the upper 32 bits of high XOR low), since every record of a
 * connection starts in the same minute: many small hash sets, each filled while the rows of its minutes
 * are read, instead of one set of millions of ids. The XOR leaves no repeated bytes for LZ4 to find:
 * stored plain, the start minutes made the column read at half the speed. ClickHouse only (18.16 has
 * every function used).
 */
export const connectionStartHashSql = `bitXor(bitOr(bitShiftLeft(toUInt64(${connectionStartMinuteSql}), 32), toUInt64(murmurHash3_32(${connectionKeySql}))), cityHash64(${connectionKeySql}))`;

/**
 * The start minute of a connection id's two halves (`high`, `low`), as connectionStartHashSql made them:
 * a UInt32 like connectionStartMinuteSql, so that a union of raw and rolled-up rows has one type for it.
 * 18.16 looks a tuple holding it up in a set (`(p, id) IN (…)`) by the set's types, and found none of
 * the UInt64 minutes of the rollup rows among the UInt32 ones of the raw rows.
 */
export function connectionStartMinuteOf(high: string, low: string): string {
  return `toUInt32(bitShiftRight(bitXor(${high}, ${low}), 32))`;
}
