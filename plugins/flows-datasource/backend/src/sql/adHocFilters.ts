import { flowColumnKinds } from '@flowlens/flow-schema';
import { rewriteCode } from '@flowlens/sql-text';
import { conditionSql, FilterError, type Filter } from './conditions.ts';
import type { Dialect } from './dialect.ts';

/**
 * Grafana's ad-hoc filters on a SQL query: every place the query reads the flows table
 * (`FROM flows`, `JOIN default.flows f`, …) reads a filtered subquery instead, so the filters apply
 * whatever the query selects or aggregates. Keys must be flows columns; values go through the
 * dialect's quoting. Returns the query unchanged with `applied: false` when it never reads flows.
 */
export function applyAdHocFilters(sql: string, filters: Filter[], dialect: Dialect): { sql: string; applied: boolean } {
  if (filters.length === 0) {
    return { sql, applied: false };
  }
  const conditions = filters.map((filter) =>
    conditionSql(filter, dialect, (key) => {
      const kind = flowColumnKinds.get(key);
      return kind ? { expression: key, kind } : undefined;
    })
  );
  const where = conditions.join(' AND ');
  let applied = false;
  const output = rewriteCode(sql, (text, at) => {
    const reference = tableReferenceAt(text, at);
    if (!reference) {
      return undefined;
    }
    const after = text.slice(reference.end);
    if (/^\s+(FINAL|SAMPLE)\b/i.test(after)) {
      throw new FilterError(
        'ad-hoc filters cannot be applied to "FROM flows FINAL" or "SAMPLE"; remove the modifier or the filters'
      );
    }
    const hasAlias =
      /^\s+(AS\s+)?(?!(WHERE|PREWHERE|GROUP|ORDER|LIMIT|HAVING|JOIN|INNER|LEFT|RIGHT|FULL|CROSS|ANY|ALL|ARRAY|GLOBAL|UNION|SETTINGS|FORMAT|ON|USING|WINDOW|QUALIFY|INTO)\b)[A-Za-z_"`]/i.test(
        after
      );
    applied = true;
    return {
      text: `${reference.keyword}(SELECT * FROM ${reference.table} WHERE ${where})${hasAlias ? '' : ' AS flows'}`,
      end: reference.end,
    };
  });
  return { sql: output, applied };
}

/** `FROM flows` / `JOIN db.flows` (any case, quoted or not) at position `i`, with where the table name ends. */
function tableReferenceAt(sql: string, i: number): { keyword: string; table: string; end: number } | undefined {
  if (i > 0 && /[\w$]/.test(sql[i - 1]!)) {
    return undefined;
  }
  const match =
    /^(FROM|JOIN)(\s+)((?:(?:[A-Za-z_][\w$]*|"[^"]+"|`[^`]+`)\.)?(?:flows|"flows"|"FLOWS"|`flows`))(?![\w$.])/i.exec(
      sql.slice(i)
    );
  if (!match) {
    return undefined;
  }
  return { keyword: `${match[1]}${match[2]}`, table: match[3]!, end: i + match[0].length };
}
