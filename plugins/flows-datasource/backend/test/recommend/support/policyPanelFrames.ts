import { resolve } from 'node:path';
import { loadIntoChdb } from '@flowlens/flowgen';
import { createEngine } from '../../../src/engines/createEngine.ts';
import type { Frame } from '../../../src/frames/frame.ts';
import { DatasourceInstances } from '../../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../../src/handlers/queryMetrics.ts';
import { quietLogger, startModernClickHouse } from '../../support/engines.ts';

/**
 * The policy review panel's unit tests read the backend's real answer from a committed file
 * (plugins/policy-panel/src/test/backendFrames.json); this makes that answer, and
 * policyPanelFrames.test.ts holds the file to it. Regenerate with
 * `npx tsx plugins/policy-panel/src/test/writeBackendFrames.ts`.
 */
export const policyPanelFramesFile = resolve(
  import.meta.dirname,
  '../../../../../policy-panel/src/test/backendFrames.json'
);

/** The e2e specs' hour of flowgen's cluster (e2e/backend/flowgenHour.ts). */
const load = { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.5 };
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };

/** One recommendation per policy style the panel must show: namespaced only, and with cluster-wide policies. */
export const panelRecommendations = {
  'k8s-np': { policyType: 'k8s-np' },
  'anp-deny-applied': { policyType: 'anp-deny-applied' },
} as const;

export interface PlainFrame {
  name?: string;
  refId?: string;
  meta?: Record<string, unknown>;
  fields: Array<{ name: string; type: string; config?: Record<string, unknown>; values: unknown[] }>;
}

/** A frame as plain JSON, without the SQL it ran (long, and not what the panel reads). */
function plainFrame(frame: Frame): PlainFrame {
  const { executedQueryString: _sql, ...meta } = frame.meta ?? {};
  return {
    name: frame.name,
    refId: frame.refId,
    meta,
    fields: frame.fields.map((field) => ({
      name: field.name,
      type: field.kind,
      ...(field.config ? { config: field.config } : {}),
      values: [...field.values],
    })),
  };
}

export async function policyPanelFrames(): Promise<Record<keyof typeof panelRecommendations, PlainFrame[]>> {
  const clickhouse = await startModernClickHouse();
  const instances = new DatasourceInstances(createEngine, quietLogger);
  try {
    await loadIntoChdb(clickhouse.session, load);
    const dataSource = {
      uid: 'chdb',
      name: 'chdb',
      updatedMs: 1,
      jsonData: { engine: 'clickhouse', url: clickhouse.url },
      decryptedSecureJsonData: {},
    };
    const answers = await queryData(
      {
        context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource },
        queries: Object.entries(panelRecommendations).map(([refId, recommend]) => ({
          refId,
          queryType: 'recommendPolicies',
          maxDataPoints: 1000,
          intervalMs: 60_000,
          timeRange,
          json: { recommend: { version: 1, ...recommend } },
        })),
        signal: new AbortController().signal,
      },
      { instances, metrics: new QueryMetrics(), logger: quietLogger }
    );
    const frames = (refId: string) => {
      const answer = answers.get(refId)!;
      if (answer.error) throw new Error(`${refId}: ${answer.error}`);
      return answer.frames.map(plainFrame);
    };
    return { 'k8s-np': frames('k8s-np'), 'anp-deny-applied': frames('anp-deny-applied') };
  } finally {
    await instances.closeAll();
    await clickhouse.close();
  }
}
