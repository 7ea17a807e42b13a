import { flowColumns, type FlowRecord } from '../../src/index.ts';

// Rows written and read back independently of flowgen's encoders, so a schema test does not
// depend on the code it would be checking.

/** One row as column name → text, for every column of the flows table. */
export type TextRow = Record<string, string>;

/** Extreme values: UInt64 above 2^53 (up to its maximum), escapes, Unicode, DateTime past 2038. */
export function extremeRows(): TextRow[] {
  const base = (overrides: TextRow): TextRow => {
    const row: TextRow = {};
    for (const column of flowColumns) {
      row[column.name] = column.type === 'String' ? '' : '0';
    }
    return { ...row, ...overrides };
  };
  return [
    base({
      timeInserted: '1736164800',
      flowStartSeconds: '2200000000',
      flowEndSeconds: '4294967295',
      flowEndReason: '255',
      sourceTransportPort: '65535',
      destinationTransportPort: '65535',
      protocolIdentifier: '17',
      packetTotalCount: '18446744073709551615',
      octetTotalCount: '9007199254740993',
      packetDeltaCount: '9007199254740992',
      octetDeltaCount: '12345678901234567890',
      reversePacketTotalCount: '18446744073709551614',
      reverseOctetTotalCount: '9223372036854775808',
      reversePacketDeltaCount: '1',
      reverseOctetDeltaCount: '4294967296',
      throughput: '18446744073709551615',
      reverseThroughput: '9007199254740995',
      sourceIP: 'fd00:10:244::1f',
      destinationIP: '10.244.1.7',
      sourcePodName: 'tab\there, newline\nthere, backslash \\ and "quotes"',
      sourcePodLabels: '{"app":"naïve","emoji":"🚀","zh":"服务"}',
      destinationServicePortName: "it's/a:port",
      clusterUUID: '00000000-0000-4000-8000-000000000000',
      ingressNetworkPolicyRuleAction: '3',
      trusted: '1',
    }),
    base({ timeInserted: '1736164801', flowEndSeconds: '1736164801', sourcePodName: '', tcpState: 'ESTABLISHED' }),
  ];
}

/** TabSeparated text of the rows, columns in flowColumns order; DateTime padded to the ten digits newer servers need. */
export function tabSeparated(rows: TextRow[]): string {
  const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  const value = (type: string, text: string) =>
    type === 'String' ? escape(text) : type === 'DateTime' ? text.padStart(10, '0') : text;
  return rows
    .map((row) => flowColumns.map((column) => value(column.type, row[column.name] ?? '')).join('\t'))
    .map((line) => `${line}\n`)
    .join('');
}

/** A record from generateFlows as text, to compare with what the database gives back. */
export function recordAsText(record: FlowRecord): TextRow {
  const row: TextRow = {};
  for (const column of flowColumns) {
    row[column.name] = String(record[column.name as keyof FlowRecord]);
  }
  return row;
}

/**
 * SELECT of every column as text, in one JSON object per row: DateTime as unix seconds, UInt64 as
 * strings (never through a JS number), so values compare exactly on any server version.
 */
export function selectAsText(table: string, where = '1'): string {
  const columns = flowColumns.map((column, index) => {
    const expression =
      column.type === 'DateTime'
        ? `toString(toUInt32(${column.name}))`
        : column.type === 'String'
          ? column.name
          : `toString(${column.name})`;
    return `${expression} AS c${index}`;
  });
  return `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where} FORMAT JSONEachRow`;
}

/** Rows from selectAsText's output, keyed by column name, sorted so two sets compare as sets. */
export function parseSelected(text: string): TextRow[] {
  return sortRows(
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const values = JSON.parse(line) as Record<string, string>;
        const row: TextRow = {};
        flowColumns.forEach((column, index) => {
          row[column.name] = values[`c${index}`] as string;
        });
        return row;
      })
  );
}

export function sortRows(rows: TextRow[]): TextRow[] {
  return rows
    .map((row) => ({ row, key: JSON.stringify(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}
