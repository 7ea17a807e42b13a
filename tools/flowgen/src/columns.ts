// The flows table's columns (@flowlens/flow-schema) in the order flowgen writes them. Inserts name
// their columns, so this order need not match the table's: per-record values come first and the
// per-route values (the same for every record of a connection) last, which lets encoders copy a
// route's bytes in one piece. Each group keeps the table's order.
import {
  flowColumns as tableColumns,
  type ColumnType,
  type FlowColumn,
  type FlowColumnName,
  type FlowColumnType,
} from '@flowlens/flow-schema';

export type { ColumnType, FlowColumn };

type TableColumn = (typeof tableColumns)[number];

/** The numbers that change with every record: times, end reason, source port, counters, throughputs. */
export type RecordNumberColumnName = Extract<
  FlowColumnName,
  | 'timeInserted'
  | 'flowEndReason'
  | 'sourceTransportPort'
  | `${string}Seconds${string}`
  | `${string}Count`
  | `${string}hroughput${string}`
>;
export type RouteColumnName = Exclude<FlowColumnName, RecordNumberColumnName | 'tcpState'>;

function changesWithEveryRecord(column: TableColumn): column is Extract<TableColumn, { name: RecordNumberColumnName }> {
  return (
    column.kind === 'time' ||
    column.name === 'flowEndReason' ||
    column.name === 'sourceTransportPort' ||
    /Count$|hroughput/.test(column.name)
  );
}

/** Numeric values that change with every record, in the order of FlowRecordCursor.values. */
export const recordNumberColumns = tableColumns.filter(changesWithEveryRecord);

/** Index of each per-record number in FlowRecordCursor.values. */
export const Field = Object.fromEntries(recordNumberColumns.map((column, index) => [column.name, index])) as {
  readonly [K in RecordNumberColumnName]: number;
};

/** The one per-record string: conntrack's TCP state. */
export const tcpStateColumn = tableColumns.find((column) => column.name === 'tcpState')!;

/** Values fixed for every record of one route (source, destination, service, policies). */
export const routeColumns = tableColumns.filter(
  (column): column is Extract<TableColumn, { name: RouteColumnName }> =>
    !changesWithEveryRecord(column) && column !== tcpStateColumn
);

/** Every column flowgen writes, in wire order: all of the flows table's columns. */
export const flowColumns: readonly FlowColumn[] = [...recordNumberColumns, tcpStateColumn, ...routeColumns];

/** The values of one route's columns. */
export type RouteFields = { [K in RouteColumnName]: FlowColumnType<K> extends 'String' ? string : number };

/** One flow record as a plain object, keyed by the flows table's column names. */
export type FlowRecord = { [K in RecordNumberColumnName]: number } & { tcpState: string } & RouteFields;
