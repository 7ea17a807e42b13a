import { writeFileSync } from 'node:fs';
import { createEngine } from '../../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { parseSettings } from '../../../plugins/flows-datasource/backend/src/handlers/datasourceSettings.ts';
import {
  createLogger,
  registerSecret,
  scrubSecrets,
} from '../../../plugins/flows-datasource/backend/src/logging/logger.ts';
import { recommendFromEngine } from '../../../plugins/flows-datasource/backend/src/recommend/recommendFromEngine.ts';
import { usage } from './help.ts';
import { parseRecommendArguments, UsageError } from './recommendArguments.ts';

/** `flowlens <command> …`; returns the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || rest.includes('--help')) {
    process.stdout.write(usage);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'recommend') {
    process.stderr.write(`flowlens: unknown command "${command}"; see flowlens --help\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseRecommendArguments(rest, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`flowlens: ${error.message}; see flowlens --help\n`);
    return 2;
  }
  for (const secret of Object.values(parsed.secureJsonData)) registerSecret(secret);
  // The datasource's logger scrubs secrets; here it carries only driver errors, to stderr.
  const logger = createLogger('flowlens', { level: 'error', write: (line) => process.stderr.write(line) });
  try {
    const settings = parseSettings({
      uid: 'cli',
      name: 'flowlens',
      updatedMs: 0,
      jsonData: parsed.jsonData,
      decryptedSecureJsonData: parsed.secureJsonData,
    });
    const engine = createEngine(settings, logger);
    try {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const run = await recommendFromEngine(engine, parsed.options, {
        timeRange: { fromMs: parsed.fromMs, toMs: parsed.toMs },
        timeoutMs: settings.queryTimeoutSeconds * 1000,
        signal: controller.signal,
      });
      const { recommendation } = run;
      if (parsed.output) writeFileSync(parsed.output, recommendation.yaml);
      else process.stdout.write(recommendation.yaml);
      for (const notice of run.notices) process.stderr.write(`flowlens: ${notice.severity}: ${notice.text}\n`);
      const connections = recommendation.policies.reduce((sum, policy) => sum + policy.connections, 0);
      process.stderr.write(
        `flowlens: ${recommendation.policies.length} policies (${parsed.options.policyType}, one per ${parsed.options.granularity}) allowing ${connections.toLocaleString('en-US')} observed connections\n`
      );
      return recommendation.unallowedConnections > 0 ? 1 : 0;
    } finally {
      await engine.close();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`flowlens: ${scrubSecrets(message)}\n`);
    return 1;
  }
}
