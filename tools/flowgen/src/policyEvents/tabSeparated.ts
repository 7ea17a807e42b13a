import { policyEventColumns, type PolicyEvent } from './columns.ts';

/** The INSERT that takes policyEventsTabSeparated()'s rows; works from ClickHouse 18.16 on and in chDB. */
export function policyEventsInsertSql(table = 'policy_events'): string {
  return `INSERT INTO ${table} (${policyEventColumns.map((column) => column.name).join(', ')}) FORMAT TabSeparated`;
}

/** Rows in ClickHouse TabSeparated: times as ten-digit unix seconds, strings with \t \n \r \\ escaped. */
export function policyEventsTabSeparated(events: readonly PolicyEvent[]): string {
  let text = '';
  for (const event of events) {
    text +=
      policyEventColumns
        .map((column) =>
          column.type === 'String'
            ? escape(event[column.name] as string)
            : column.type === 'DateTime'
              ? String(event[column.name]).padStart(10, '0')
              : String(event[column.name])
        )
        .join('\t') + '\n';
  }
  return text;
}

/**
 * RFC 4180 CSV with a header line, times as unix seconds: what a Snowflake COPY or fakesnow's loader
 * reads. A file has no insert time, so timeInserted comes first and repeats eventTime.
 */
export function policyEventsCsv(events: readonly PolicyEvent[]): string {
  const quote = (text: string) =>
    /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
  const header = ['timeInserted', ...policyEventColumns.map((column) => column.name)].join(',');
  const rows = events.map((event) =>
    [event.eventTime, ...policyEventColumns.map((column) => event[column.name])]
      .map((value) => quote(String(value)))
      .join(',')
  );
  return [header, ...rows].join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
