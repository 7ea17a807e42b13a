import type { FlowsEngine } from '../engines/engine.ts';
import { registerSecret, type Logger } from '../logging/logger.ts';
import { ConcurrencyLimit } from './concurrencyLimit.ts';
import { parseSettings, secretsOf, type FlowsSettings } from './datasourceSettings.ts';
import type { DataSourceSettings } from './types.ts';

export interface DatasourceInstance {
  uid: string;
  settings: FlowsSettings;
  engine: FlowsEngine;
  limit: ConcurrencyLimit;
}

export type EngineFactory = (settings: FlowsSettings, logger: Logger) => FlowsEngine;

const queriesInFlightPerDatasource = 10;

/**
 * One engine per datasource, built from the request's settings and replaced when Grafana reports
 * newer settings (the datasource was saved). A replaced engine closes after a grace period so the
 * queries it is still answering finish.
 */
export class DatasourceInstances {
  private readonly instances = new Map<string, { updatedMs: number; instance: DatasourceInstance }>();

  constructor(
    private readonly createEngine: EngineFactory,
    private readonly logger: Logger,
    private readonly retireAfterMs = 120_000
  ) {}

  get(settings: DataSourceSettings): DatasourceInstance {
    const key = settings.uid || settings.name;
    const current = this.instances.get(key);
    if (current && current.updatedMs === settings.updatedMs) {
      return current.instance;
    }
    for (const secret of secretsOf(settings)) {
      registerSecret(secret);
    }
    const parsed = parseSettings(settings);
    const instance: DatasourceInstance = {
      uid: key,
      settings: parsed,
      engine: this.createEngine(parsed, this.logger),
      limit: new ConcurrencyLimit(queriesInFlightPerDatasource),
    };
    this.instances.set(key, { updatedMs: settings.updatedMs, instance });
    if (current) {
      this.logger.info('datasource settings changed; new instance', { uid: key });
      const retired = current.instance.engine;
      setTimeout(() => void retired.close().catch(() => undefined), this.retireAfterMs).unref();
    } else {
      this.logger.debug('datasource instance created', { uid: key, engine: parsed.engine });
    }
    return instance;
  }

  async closeAll(): Promise<void> {
    const engines = [...this.instances.values()].map((entry) => entry.instance.engine);
    this.instances.clear();
    await Promise.allSettled(engines.map((engine) => engine.close()));
  }
}
