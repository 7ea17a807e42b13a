import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../../backend/src/sql/clickhouseDialect.ts';
import { expandMacros } from '../../backend/src/sql/macroExpander.ts';
import { macros } from './macros';

/**
 * The README's macro table shows what each macro expands to on ClickHouse. The backend changes
 * expansions from time to time; this keeps the documentation telling the truth.
 */
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Macros'), readme.indexOf('## Template variables'));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `$__'))
  .map((line) => {
    const cells = line.split(' | ');
    const code = (cell: string) => /`([^`]+)`/.exec(cell)![1]!;
    return { macro: code(cells[0]!), expansion: code(cells[2]!) };
  });
// The documented time range and interval: 2024-01-01 00:00–01:00 UTC, one minute.
const context = { timeRange: { fromMs: 1_704_067_200_000, toMs: 1_704_070_800_000 }, intervalMs: 60_000 };

describe('README macro table', () => {
  it('lists every macro', () => {
    expect(rows.map((row) => /^\$__(\w+)/.exec(row.macro)![1]).sort()).toEqual(
      macros.map((macro) => macro.name).sort()
    );
  });

  it.each(rows)('$macro expands as documented', ({ macro, expansion }) => {
    const withValues = macro.replace(/\$ns/g, "'web','db'");
    expect(expandMacros(withValues, clickhouseDialect, context)).toBe(expansion);
  });
});
