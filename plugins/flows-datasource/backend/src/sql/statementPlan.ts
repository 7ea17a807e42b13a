import type { FrameNotice } from '../frames/frame.ts';
import type { TimeRange } from '../timeRange.ts';
import { applyAdHocFilters } from './adHocFilters.ts';
import type { Dialect, MacroContext } from './dialect.ts';
import { bucketIntervalMs, defaultExportIntervalSeconds } from './flowRates.ts';
import { compileQuestion, parseFlowsQuestion } from './flowsBuilder.ts';
import { expandMacros } from './macroExpander.ts';
import type { ParsedQuery } from './parsedQuery.ts';
import type { Rollup } from './rollup.ts';

/** Where and how finely a query looks: Grafana's time range and its suggested interval. */
export interface QueryWindow {
  timeRange: TimeRange;
  intervalMs: number;
}

export interface StatementPlan {
  sql: string;
  /** Unit and name of the builder's value field, for Grafana's field config. */
  unit?: string;
  metric?: string;
  notices: FrameNotice[];
  /** The width of the time buckets the query groups by, when it uses exactly one. */
  bucketSeconds?: number;
  /** The rollup table the query reads instead of the raw records, when it reads one. */
  rollup?: string;
}

/**
 * The SQL a query runs: macros expanded, builder compiled, ad-hoc filters applied. Time buckets are
 * never finer than the flow source's export interval (flowRates.ts). A builder question reads the
 * first of `rollups` that answers it exactly (rollupQuery.ts), the raw flows table otherwise; raw SQL
 * always reads what it names.
 */
export function toSql(
  query: ParsedQuery,
  window: QueryWindow,
  dialect: Dialect,
  exportIntervalSeconds = defaultExportIntervalSeconds,
  rollups: readonly Rollup[] = []
): StatementPlan {
  const bucketWidths = new Set<number>();
  const context: MacroContext = {
    timeRange: window.timeRange,
    intervalMs: bucketIntervalMs(window.intervalMs, exportIntervalSeconds),
    grafanaIntervalMs: window.intervalMs,
    exportIntervalSeconds,
    onTimeBucket: (seconds: number) => bucketWidths.add(seconds),
  };
  const soleBucket = () => (bucketWidths.size === 1 ? [...bucketWidths][0] : undefined);
  if (query.queryType === 'sql') {
    const expanded = expandMacros(query.rawSql, dialect, context);
    const filtered = applyAdHocFilters(expanded, query.adHocFilters, dialect);
    const notices: FrameNotice[] =
      query.adHocFilters.length > 0 && !filtered.applied
        ? [{ severity: 'info', text: 'Ad-hoc filters were not applied: this query does not read the flows table.' }]
        : [];
    return { sql: filtered.sql, notices, bucketSeconds: soleBucket() };
  }
  const question = parseFlowsQuestion(query.flows, query.adHocFilters);
  const compiled = compileQuestion(question, dialect, query.format);
  for (const rollup of rollups) {
    const plan = dialect.rollupQuery?.(question, query.format, context, rollup);
    if (plan) {
      const sql = expandMacros(plan.sql, dialect, context);
      return {
        unit: compiled.unit,
        metric: compiled.metric,
        sql,
        notices: [],
        bucketSeconds: soleBucket(),
        rollup: rollup.table,
      };
    }
  }
  const sql = expandMacros(compiled.sql, dialect, context);
  return { ...compiled, sql, notices: [], bucketSeconds: soleBucket() };
}
