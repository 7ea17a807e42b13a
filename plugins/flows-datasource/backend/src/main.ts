import { createEngine } from './engines/createEngine.ts';
import { checkHealth } from './handlers/checkHealth.ts';
import { DatasourceInstances } from './handlers/datasourceInstances.ts';
import { QueryMetrics } from './handlers/queryMetrics.ts';
import { checkLaunchedByGrafana, unixListener } from './protocol/handshake.ts';
import { createLogger, logLevelFromEnv } from './logging/logger.ts';
import type { PluginHandlers } from './protocol/pluginHandlers.ts';
import { startPluginServer } from './protocol/pluginServer.ts';

/** Entry point of gpx_flowlens_flows: handshake, serve, and exit cleanly when Grafana says so. */
async function main(): Promise<void> {
  const launched = checkLaunchedByGrafana(process.env);
  if (!launched.ok) {
    process.stderr.write(`${launched.message}\n`);
    process.exit(1);
  }
  const logger = createLogger('flowlens-flows-datasource', { level: logLevelFromEnv(process.env) });
  // Node prints process warnings (Node's SEA loader at start, the AWS SDK inside snowflake-sdk when a
  // Snowflake datasource loads it) as plain stderr lines, which Grafana cannot parse as hclog; they go
  // through the logger instead. Installed before any await: the first ones come on the next tick.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.debug('process warning', { name: warning.name, warning: warning.message }));
  const metrics = new QueryMetrics();
  const instances = new DatasourceInstances(createEngine, logger);

  // Queries and resources load their code (SQL builders, Arrow, recommend, anomalies, service map) on
  // first use: Grafana waits for the handshake at every start, and a health check needs none of it.
  const handlers: PluginHandlers = {
    queryData: async (request) =>
      (await import('./handlers/queryData.ts')).queryData(request, { instances, metrics, logger }),
    checkHealth: (context, signal) => checkHealth(context, instances, signal),
    callResource: async (request) =>
      (await import('./handlers/callResource.ts')).callResource(request, instances, metrics),
    collectMetrics: () => metrics.prometheusText(),
    shutdown: () => instances.closeAll(),
  };

  const listener = unixListener(process.env);
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('shutting down', { reason });
    await server.stop(5000);
    await handlers.shutdown();
    listener.cleanup();
    process.exit(0);
  };
  const server = await startPluginServer(
    listener.grpcAddress,
    handlers,
    logger,
    () => void stop('GRPCController.Shutdown')
  );

  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Like go-plugin servers: Ctrl-C in Grafana's terminal reaches us too, but Grafana decides when we stop.
  process.on('SIGINT', () => logger.debug('ignoring SIGINT; Grafana stops plugins through Shutdown'));
  process.on('uncaughtException', (error) =>
    logger.error('uncaught exception', { error: error.message, stack: error.stack })
  );
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error: String(error) }));

  process.stdout.write(listener.handshakeLine);
  logger.info('plugin started', { address: listener.grpcAddress, node: process.version });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `flowlens-flows-datasource failed to start: ${error instanceof Error ? error.message : String(error)}\n`
  );
  process.exit(1);
});
