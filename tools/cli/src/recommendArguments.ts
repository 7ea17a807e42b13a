import { parseArgs } from 'node:util';
import { parseTime } from '@flowlens/flowgen';
import {
  parseRecommendOptions,
  type RecommendOptions,
} from '../../../plugins/flows-datasource/backend/src/recommend/recommendOptions.ts';

/** `flowlens recommend …` turned into datasource settings, a time range and recommendation options. */
export interface RecommendCommand {
  /** Datasource jsonData and secureJsonData, as Grafana would store them. */
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  fromMs: number;
  toMs: number;
  options: RecommendOptions;
  output: string | undefined;
}

export class UsageError extends Error {}

const spec = {
  engine: { type: 'string' },
  url: { type: 'string' },
  user: { type: 'string' },
  database: { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  warehouse: { type: 'string' },
  schema: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'policy-type': { type: 'string' },
  granularity: { type: 'string' },
  subsequent: { type: 'boolean' },
  namespace: { type: 'string', multiple: true },
  'exclude-namespace': { type: 'string', multiple: true },
  'allow-namespace': { type: 'string', multiple: true },
  cluster: { type: 'string', multiple: true },
  'keep-generated-labels': { type: 'boolean' },
  'no-dns': { type: 'boolean' },
  'no-to-services': { type: 'boolean' },
  'flow-limit': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

export function parseRecommendArguments(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  now = Date.now()
): RecommendCommand {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
  const text = (name: keyof typeof spec) => values[name] as string | undefined;
  const list = (name: keyof typeof spec) => values[name] as string[] | undefined;
  const engine = text('engine') ?? 'clickhouse';
  const time = (name: 'from' | 'to', fallback: string) => {
    try {
      return parseTime(text(name) ?? fallback, `--${name}`, now) * 1000;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const fromMs = time('from', 'now-24h');
  const toMs = time('to', 'now');
  if (toMs <= fromMs) throw new UsageError('--to must be after --from');

  let jsonData: Record<string, unknown>;
  const secureJsonData: Record<string, string> = {};
  const timeout = text('timeout-seconds');
  if (engine === 'clickhouse') {
    jsonData = {
      engine,
      url: text('url') ?? env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
      username: text('user') ?? env.CLICKHOUSE_USER,
      database: text('database') ?? env.CLICKHOUSE_DATABASE,
    };
    if (env.CLICKHOUSE_PASSWORD) secureJsonData.password = env.CLICKHOUSE_PASSWORD;
  } else if (engine === 'snowflake') {
    jsonData = {
      engine,
      account: text('account') ?? env.SNOWFLAKE_ACCOUNT,
      username: text('user') ?? env.SNOWFLAKE_USER,
      role: text('role') ?? env.SNOWFLAKE_ROLE,
      warehouse: text('warehouse') ?? env.SNOWFLAKE_WAREHOUSE,
      database: text('database') ?? env.SNOWFLAKE_DATABASE,
      schema: text('schema') ?? env.SNOWFLAKE_SCHEMA,
      authType: env.SNOWFLAKE_PRIVATE_KEY ? 'keypair' : env.SNOWFLAKE_OAUTH_TOKEN ? 'oauth' : 'password',
    };
    for (const [key, variable] of [
      ['password', 'SNOWFLAKE_PASSWORD'],
      ['privateKey', 'SNOWFLAKE_PRIVATE_KEY'],
      ['privateKeyPassphrase', 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE'],
      ['oauthToken', 'SNOWFLAKE_OAUTH_TOKEN'],
    ] as const) {
      if (env[variable]) secureJsonData[key] = env[variable]!;
    }
  } else {
    throw new UsageError(`--engine ${engine} is not supported; choose clickhouse or snowflake`);
  }
  if (timeout !== undefined) jsonData.queryTimeoutSeconds = timeout;

  let options: RecommendOptions;
  try {
    options = parseRecommendOptions({
      version: 1,
      policyType: text('policy-type'),
      granularity: text('granularity'),
      runType: values.subsequent ? 'subsequent' : 'initial',
      namespaces: list('namespace'),
      excludedNamespaces: list('exclude-namespace'),
      allowedNamespaces: list('allow-namespace'),
      clusters: list('cluster'),
      dropGeneratedLabels: values['keep-generated-labels'] ? false : undefined,
      allowDns: values['no-dns'] ? false : undefined,
      toServices: values['no-to-services'] ? false : undefined,
      flowLimit: text('flow-limit'),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { jsonData, secureJsonData, fromMs, toMs, options, output: text('output') };
}
