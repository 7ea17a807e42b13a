import { knownFlowColumn, type ColumnKind } from '@flowlens/flow-schema';

/** The backend's `GET resources/schema` answer. */
export interface DatabaseSchema {
  tables: TableSchema[];
}

export interface TableSchema {
  name: string;
  columns: Array<{ name: string; type: string }>;
}

/** ClickHouse reports `flows`, Snowflake `FLOWS`. */
export function flowsTable(schema: DatabaseSchema): TableSchema | undefined {
  return schema.tables.find((table) => table.name.toLowerCase() === 'flows');
}

/**
 * A column's kind from its engine type, for columns the flows schema does not know (extra tables).
 * ClickHouse: DateTime64(3), Nullable(UInt64)…; Snowflake: TIMESTAMP_TZ, NUMBER(20,0)…
 */
export function kindOfType(type: string): ColumnKind {
  let bare = type.trim();
  while (/^(Nullable|LowCardinality)\(.*\)$/i.test(bare)) {
    bare = bare.replace(/^(Nullable|LowCardinality)\((.*)\)$/i, '$2');
  }
  bare = bare.toLowerCase();
  if (/^(date|time)/.test(bare)) {
    return 'time';
  }
  if (/^(u?int|float|decimal|number|numeric|double|real|bigint|smallint|tinyint|byteint)/.test(bare)) {
    return 'number';
  }
  return 'string';
}

export interface FilterKey {
  /** The canonical flows name, which the backend resolves (Snowflake reports it upper-case). */
  name: string;
  type: string;
}

/**
 * Columns an ad-hoc filter may use: those the live flows table has and the backend can filter on —
 * flows columns, minus time columns (the dashboard's time range filters time; the backend refuses
 * time filters). A column FlowLens does not know is left out (the backend would refuse it), and so
 * is one FlowLens knows but this table lacks (a table made by Theia has no egressNodeName).
 */
export function filterKeys(schema: DatabaseSchema): FilterKey[] {
  const table = flowsTable(schema);
  if (!table) {
    return [];
  }
  return table.columns.flatMap((column) => {
    const known = knownFlowColumn(column.name);
    return known && known.kind !== 'time' ? [{ name: known.name, type: column.type }] : [];
  });
}
