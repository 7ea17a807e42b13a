import type { Json } from '../../src/grafanaJson.ts';

export interface DashboardQuery {
  dashboard: string;
  /** Panel title, "variable <name>" or "annotation <name>". */
  where: string;
  target: Json;
  /** The panel's minimum interval, which raises $__interval like Grafana does. */
  minInterval?: string;
}

/** Every query a dashboard runs through FlowLens: variables, annotations and each panel's targets. */
export function dashboardQueries(name: string, dashboard: Json): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  const templating = (dashboard.templating as { list: Json[] }).list;
  for (const variable of templating) {
    if (variable.type === 'query') {
      queries.push({ dashboard: name, where: `variable ${String(variable.name)}`, target: variable.query as Json });
    }
  }
  for (const annotation of (dashboard.annotations as { list: Json[] }).list) {
    if (annotation.target && (annotation.datasource as Json | undefined)?.type === 'flowlens-flows-datasource') {
      queries.push({
        dashboard: name,
        where: `annotation ${String(annotation.name)}`,
        target: annotation.target as Json,
      });
    }
  }
  for (const panel of dashboard.panels as Json[]) {
    for (const target of (panel.targets as Json[] | undefined) ?? []) {
      // Grafana's Dashboard datasource shows another panel's answer: no query of ours runs.
      if ((target.datasource as Json | undefined)?.uid === '-- Dashboard --') continue;
      queries.push({
        dashboard: name,
        where: String(panel.title),
        target,
        minInterval: panel.interval as string | undefined,
      });
    }
  }
  return queries;
}

/**
 * Anomaly windows are judged against the day before them, which the every-query fixtures (an hour or
 * so of flowgen) lack: such a query must answer without error there, but may answer no rows.
 * backend/test/anomalies proves on a simulated week that it finds what it should.
 */
export function needsADayOfHistory(query: DashboardQuery): boolean {
  return (query.target as { queryType?: string }).queryType === 'detectAnomalies';
}
