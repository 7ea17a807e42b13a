import type { FieldKind } from '../../frames/frame.ts';

/**
 * A ClickHouse column type reduced to what decides its Grafana field: the base type with
 * Nullable/LowCardinality unwrapped, and the parameters that change values (time precision,
 * decimal scale, enum names).
 */
export type ClickHouseColumnType =
  | { base: 'int' | 'uint' | 'float'; bits: number; nullable: boolean }
  | { base: 'bigint'; nullable: boolean }
  | { base: 'bool' | 'string' | 'uuid' | 'ipv4' | 'ipv6'; nullable: boolean }
  | { base: 'fixedstring'; nullable: boolean }
  | { base: 'date'; nullable: boolean }
  | { base: 'datetime'; nullable: boolean }
  | { base: 'datetime64'; precision: number; nullable: boolean }
  | { base: 'decimal'; scale: number; nullable: boolean }
  | { base: 'enum'; names: Map<number, string>; nullable: boolean }
  | { base: 'json'; nullable: boolean }
  | { base: 'nothing'; nullable: boolean };

export function kindOf(type: ClickHouseColumnType): FieldKind {
  switch (type.base) {
    case 'int':
    case 'uint':
    case 'float':
    case 'decimal':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'date':
    case 'datetime':
    case 'datetime64':
      return 'time';
    case 'json':
      return 'other';
    default:
      return 'string';
  }
}

export function parseClickHouseType(text: string): ClickHouseColumnType {
  return parse(text.trim(), false);
}

function parse(text: string, nullable: boolean): ClickHouseColumnType {
  const wrapper = /^(Nullable|LowCardinality|SimpleAggregateFunction)\((.*)\)$/s.exec(text);
  if (wrapper) {
    const inner =
      wrapper[1] === 'SimpleAggregateFunction' ? wrapper[2]!.slice(wrapper[2]!.indexOf(',') + 1) : wrapper[2]!;
    return parse(inner.trim(), nullable || wrapper[1] === 'Nullable');
  }
  const integer = /^(U?)Int(8|16|32|64)$/.exec(text);
  if (integer) {
    return { base: integer[1] ? 'uint' : 'int', bits: Number(integer[2]), nullable };
  }
  if (/^U?Int(128|256)$/.test(text)) {
    return { base: 'bigint', nullable };
  }
  if (/^(Float32|Float64|BFloat16)$/.test(text)) {
    return { base: 'float', bits: text === 'Float32' ? 32 : 64, nullable };
  }
  if (text === 'Bool' || text === 'Boolean') {
    return { base: 'bool', nullable };
  }
  if (text === 'String') {
    return { base: 'string', nullable };
  }
  if (text.startsWith('FixedString(')) {
    return { base: 'fixedstring', nullable };
  }
  if (text === 'UUID') {
    return { base: 'uuid', nullable };
  }
  if (text === 'IPv4' || text === 'IPv6') {
    return { base: text === 'IPv4' ? 'ipv4' : 'ipv6', nullable };
  }
  if (text === 'Date' || text === 'Date32') {
    return { base: 'date', nullable };
  }
  if (/^DateTime(\(.*\))?$/.test(text)) {
    return { base: 'datetime', nullable };
  }
  const dateTime64 = /^DateTime64\((\d+)/.exec(text);
  if (dateTime64) {
    return { base: 'datetime64', precision: Number(dateTime64[1]), nullable };
  }
  const decimal = /^Decimal(?:32|64|128|256)?\((.*)\)$/.exec(text);
  if (decimal) {
    const parts = decimal[1]!.split(',').map((part) => Number(part.trim()));
    // Decimal(P, S) has the scale second; Decimal32(S) and friends have it alone.
    return { base: 'decimal', scale: parts.length === 2 ? parts[1]! : parts[0]!, nullable };
  }
  const enumType = /^Enum(?:8|16)\((.*)\)$/s.exec(text);
  if (enumType) {
    return { base: 'enum', names: parseEnumNames(enumType[1]!), nullable };
  }
  if (text === 'Nothing') {
    return { base: 'nothing', nullable: true };
  }
  // Arrays, maps, tuples, JSON, variants, geo types: shown as JSON documents.
  return { base: 'json', nullable };
}

/** Enum8('allow' = 1, 'it''s' = 2) → {1: 'allow', 2: "it's"}. */
function parseEnumNames(body: string): Map<number, string> {
  const names = new Map<number, string>();
  const entry = /'((?:[^'\\]|\\.|'')*)'\s*=\s*(-?\d+)/g;
  for (const match of body.matchAll(entry)) {
    names.set(Number(match[2]), match[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  }
  return names;
}

/** Types the Arrow path converts column-wise; anything else goes through the row path. */
export function arrowConvertible(type: ClickHouseColumnType): boolean {
  return type.base !== 'json' && type.base !== 'bigint';
}

/** Types old servers' TabSeparated text reads into columns; arrays, maps, tuples and wide integers do not. */
export function tabSeparatedReadable(type: ClickHouseColumnType): boolean {
  return type.base !== 'json' && type.base !== 'bigint';
}

/**
 * Types whose RowBinary layout is read straight into Arrow buffers (rowBinaryColumns.ts): fixed-width
 * numbers, strings, dates and second-precision times. Enums, UUIDs, IPs and decimals print as text
 * Grafana shows, which only the server formats, so they take the TabSeparated path.
 */
export function rowBinaryReadable(type: ClickHouseColumnType): boolean {
  switch (type.base) {
    case 'int':
    case 'uint':
    case 'float':
    case 'bool':
    case 'string':
    case 'fixedstring':
    case 'date':
    case 'datetime':
      return true;
    default:
      return false;
  }
}
