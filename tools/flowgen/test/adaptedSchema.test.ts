import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptedSchema, defaultSchemaDir, parseVersion } from '../src/index.ts';

const rollupFile = readFileSync(join(defaultSchemaDir, '05-flows-rollups.sql'), 'utf8');

describe("a schema file's `-- before X.Y: a => b` lines", () => {
  it('leave the file as it is on X.Y and later', () => {
    for (const version of ['21.1', '25.8', '26.7']) {
      expect(adaptedSchema('05-flows-rollups.sql', rollupFile, parseVersion(version))).toEqual({
        text: rollupFile,
        before: [],
      });
    }
  });

  it('turn the rollup ids into groupArray states before 21.1, in the table and in the view', () => {
    const { text, before } = adaptedSchema('05-flows-rollups.sql', rollupFile, parseVersion('20.12'));
    expect(before).toEqual(['21.1']);
    const statements = text.replace(/^\s*--.*$/gm, '');
    expect(statements).not.toContain('SimpleAggregateFunction');
    expect(statements).not.toMatch(/groupArrayIf\(/);
    expect(statements.match(/AggregateFunction\(groupArray, UInt64\)/g)).toHaveLength(2);
    expect(statements.match(/groupArrayStateIf\(/g)).toHaveLength(2);
  });

  it('fail, naming the line, when one no longer matches the statements, on any server', () => {
    const rotten = `-- before 21.1: groupArrayIf( => groupArrayStateIf(\n-- groupArrayIf( only in a comment\nSELECT 1;\n`;
    for (const version of ['18.16', '26.7']) {
      expect(() => adaptedSchema('07-x.sql', rotten, parseVersion(version))).toThrow(
        '07-x.sql: its line "-- before …: groupArrayIf( => groupArrayStateIf(" matches nothing in the file'
      );
    }
  });
});
