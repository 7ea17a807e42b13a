import { writeFileSync } from 'node:fs';
import type { Session } from 'chdb';
import { flowColumns, type FlowRecord } from '@flowlens/flowgen';
import type { FakesnowServer } from '@flowlens/testkit';
import { snowflakeDatabase, snowflakeSchema } from '../../support/snowflake.ts';

/**
 * Flow records written by hand, for cases whose every number a test can work out: the columns a case
 * names, '' and 0 for the rest. The same CSV (flowgen's layout: a header, times as unix seconds) goes
 * into chDB and into fakesnow, so both engines hold the same rows.
 */
export type HandMadeFlow = Partial<FlowRecord> & Pick<FlowRecord, 'flowStartSeconds' | 'flowEndSeconds'>;

const csvText = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function flowsCsv(flows: HandMadeFlow[]): string {
  const lines = [flowColumns.map((column) => column.name).join(',')];
  for (const flow of flows) {
    const record = flow as Record<string, unknown>;
    lines.push(
      flowColumns
        .map((column) => {
          const value = record[column.name];
          if (column.type === 'DateTime') return String(value ?? flow.flowEndSeconds);
          if (column.type === 'String') return csvText(String(value ?? ''));
          return String(value ?? 0);
        })
        .join(',')
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Appends the flows to chDB's `flows` and fakesnow's `FLOWS` (both already created). */
export async function insertHandMadeFlows(
  flows: HandMadeFlow[],
  into: { session: Session; fakesnow: FakesnowServer; csvPath: string }
): Promise<void> {
  const csv = flowsCsv(flows);
  into.session.query(
    `INSERT INTO flows (${flowColumns.map((column) => column.name).join(', ')}) FORMAT CSVWithNames\n${csv}`
  );
  writeFileSync(into.csvPath, csv);
  await into.fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, into.csvPath);
}

/** A pod's labels as Antrea writes them: a JSON object. */
export function labels(values: Record<string, string>): string {
  return JSON.stringify(values);
}
