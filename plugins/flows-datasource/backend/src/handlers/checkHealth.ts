import type { EngineHealth } from '../engines/engine.ts';
import { EngineError } from '../engines/engineError.ts';
import type { DatasourceInstances } from './datasourceInstances.ts';
import type { CheckHealthResult, PluginContext } from './types.ts';

/**
 * "Save & test": engine and version, whether `flows` exists, its row count and newest flow — so a
 * user sees at once whether dashboards will have data. Never includes a credential.
 */
export async function checkHealth(
  context: PluginContext,
  instances: DatasourceInstances,
  signal: AbortSignal
): Promise<CheckHealthResult> {
  if (!context.dataSource) {
    return { status: 'error', message: 'the request carries no datasource settings' };
  }
  try {
    const instance = instances.get(context.dataSource);
    const health = await instance.engine.health(signal);
    return summarize(health);
  } catch (error) {
    const message = error instanceof EngineError || error instanceof Error ? error.message : String(error);
    return { status: 'error', message };
  }
}

function summarize(health: EngineHealth): CheckHealthResult {
  const where = `${health.engine} ${health.version} at ${health.location}, database ${health.database}`;
  const details = {
    engine: health.engine,
    version: health.version,
    database: health.database,
    flowsTable: health.flows.exists,
    flowsRows: health.flows.rowCount,
    newestFlow: health.flows.newestFlowMs ? new Date(health.flows.newestFlowMs).toISOString() : undefined,
  };
  if (!health.flows.exists) {
    return {
      status: 'error',
      message: `Connected to ${where}, but it has no flows table. Apply the FlowLens schema (provisioning/clickhouse or provisioning/snowflake) or point the datasource at the database that holds it.`,
      details,
    };
  }
  const rows = Number(health.flows.rowCount ?? '0');
  const newest = details.newestFlow
    ? `; newest flow ${details.newestFlow.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`
    : '';
  const empty = rows === 0 ? ' The table is empty: start flowgen or an Antrea Flow Aggregator to fill it.' : '';
  return {
    status: 'ok',
    message: `Connected to ${where}. Table flows has ${rows.toLocaleString('en-US')} rows${newest}.${empty}`,
    details,
  };
}
