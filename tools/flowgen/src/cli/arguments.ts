import { parseArgs } from 'node:util';
import type { FileFormat } from '../sinks/file.ts';
import type { SnowflakeConnectionOptions } from '../snowflake/session.ts';
import { defaultFrom, type InjectionInput } from '../options.ts';
import { formatTime, parseTime } from '../time.ts';

/** A command line turned into what to do; every option checked, so the run itself fails only on I/O. */
export interface Command {
  help: boolean;
  version: boolean;
  quiet: boolean;
  mode:
    | {
        kind: 'backfill';
        from?: number;
        to?: number;
        count?: number;
        scale?: number;
        seed?: number;
        exportIntervalSeconds?: number;
        builtInAnomalies?: boolean;
        steadyTraffic?: boolean;
        injections?: InjectionInput[];
      }
    | {
        kind: 'live';
        rate: number;
        count?: number;
        seed?: number;
        historySeconds?: number;
        exportIntervalSeconds?: number;
      };
  sink:
    | { kind: 'file'; format: FileFormat; output: string }
    | {
        kind: 'clickhouse';
        url: string;
        user?: string;
        password?: string;
        database?: string;
        table?: string;
        wireFormat: 'RowBinary' | 'TabSeparated';
        waitSeconds: number;
        retrySeconds: number;
      }
    | { kind: 'chdb'; path: string; table?: string }
    | ({ kind: 'snowflake'; table?: string } & SnowflakeConnectionOptions);
  batchRows?: number;
  applySchema: boolean;
  retentionHours?: number;
  /** With --apply-schema on ClickHouse: the cluster whose shards this node's schema is one of. */
  cluster?: string;
  /** Apply the schema and stop, writing no records. */
  schemaOnly: boolean;
  /** Live mode: send the policy changes as audit webhook EventLists here (flowlens-ingest's /v1/audit). */
  audit?: { url: string; token: string | undefined };
}

/** A mistake on the command line: flowgen prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

const options = {
  count: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  scale: { type: 'string' },
  rate: { type: 'string' },
  history: { type: 'string' },
  seed: { type: 'string' },
  'export-interval': { type: 'string' },
  inject: { type: 'string', multiple: true },
  'no-anomalies': { type: 'boolean' },
  steady: { type: 'boolean' },
  sink: { type: 'string' },
  output: { type: 'string' },
  url: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  database: { type: 'string' },
  table: { type: 'string' },
  'wire-format': { type: 'string' },
  'chdb-path': { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  warehouse: { type: 'string' },
  schema: { type: 'string' },
  'batch-rows': { type: 'string' },
  'apply-schema': { type: 'boolean' },
  'retention-hours': { type: 'string' },
  cluster: { type: 'string' },
  'schema-only': { type: 'boolean' },
  'wait-seconds': { type: 'string' },
  'retry-seconds': { type: 'string' },
  'audit-url': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const sinkOnlyOptions: Record<string, string[]> = {
  file: ['output'],
  clickhouse: ['url', 'user', 'password', 'database', 'wire-format', 'wait-seconds', 'retry-seconds'],
  chdb: ['chdb-path'],
  snowflake: ['account', 'user', 'password', 'database', 'role', 'warehouse', 'schema'],
};

export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Command {
  let values: Partial<Record<keyof typeof options, string | boolean | string[]>>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: joinNegativeValues(argv),
      options,
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"; every option starts with --`);
  }
  const text = (name: keyof typeof options): string | undefined => values[name] as string | undefined;
  const help = values.help === true;
  const version = values.version === true;

  const rate = number(text('rate'), 'rate', 'positive');
  const count = number(text('count'), 'count', 'whole');
  const seed = number(text('seed'), 'seed', 'seed');
  const live = rate !== undefined;
  const historyText = text('history');
  if (historyText !== undefined && !live) {
    throw new UsageError('--history is for live mode (--rate): it backfills that much before going live');
  }
  const historySeconds = historyText === undefined ? undefined : duration(historyText, 'history');
  const exportText = text('export-interval');
  const exportIntervalSeconds = exportText === undefined ? undefined : duration(exportText, 'export-interval');
  if (exportIntervalSeconds !== undefined && exportIntervalSeconds > 3600) {
    throw new UsageError(`--export-interval ${exportText} is longer than an hour; Antrea's default is 60s`);
  }
  for (const backfillOnly of ['from', 'to', 'scale', 'inject', 'no-anomalies', 'steady'] as const) {
    if (live && text(backfillOnly) !== undefined) {
      throw new UsageError(`--${backfillOnly} is for backfills and --rate for live mode; give one or the other`);
    }
  }
  const schemaOnly = values['schema-only'] === true;
  if (!help && !version && !schemaOnly && !live && count === undefined && text('to') === undefined) {
    throw new UsageError('say what to generate: --count <n>, --from/--to <time>, or a live --rate <records/s>');
  }
  const from = time(text('from'), 'from');
  const to = time(text('to'), 'to');
  if (to !== undefined && to <= (from ?? defaultFrom)) {
    throw new UsageError(`--to ${text('to')} must be after --from ${text('from') ?? formatTime(defaultFrom)}`);
  }
  const mode: Command['mode'] = live
    ? { kind: 'live', rate, count, seed, historySeconds, exportIntervalSeconds }
    : {
        kind: 'backfill',
        from,
        to,
        count,
        scale: number(text('scale'), 'scale', 'positive'),
        seed,
        exportIntervalSeconds,
        builtInAnomalies: values['no-anomalies'] === true ? false : undefined,
        steadyTraffic: values.steady === true ? true : undefined,
        injections: ((values.inject as string[] | undefined) ?? []).map(injection),
      };

  const sinkName = text('sink') ?? 'ndjson';
  const sinkKind = sinkName === 'ndjson' || sinkName === 'csv' ? 'file' : sinkName;
  if (!(sinkKind in sinkOnlyOptions)) {
    throw new UsageError(`--sink ${sinkName} is not a sink; choose ndjson, csv, clickhouse, chdb or snowflake`);
  }
  for (const [kind, names] of Object.entries(sinkOnlyOptions)) {
    const misplaced =
      kind === sinkKind
        ? undefined
        : names.find(
            (name) => values[name as keyof typeof options] !== undefined && !sinkOnlyOptions[sinkKind]!.includes(name)
          );
    if (misplaced) {
      throw new UsageError(`--${misplaced} does not apply to --sink ${sinkName}`);
    }
  }
  let sink: Command['sink'];
  if (sinkKind === 'file') {
    sink = { kind: 'file', format: sinkName as FileFormat, output: text('output') ?? '-' };
  } else if (sinkKind === 'clickhouse') {
    const wireFormat = text('wire-format') ?? 'RowBinary';
    if (wireFormat !== 'RowBinary' && wireFormat !== 'TabSeparated') {
      throw new UsageError(`--wire-format ${wireFormat} is not supported; choose RowBinary or TabSeparated`);
    }
    sink = {
      kind: 'clickhouse',
      url: text('url') ?? (env.CLICKHOUSE_URL || 'http://127.0.0.1:8123'),
      user: text('user') ?? (env.CLICKHOUSE_USER || undefined),
      password: text('password') ?? (env.CLICKHOUSE_PASSWORD || undefined),
      database: text('database') ?? (env.CLICKHOUSE_DATABASE || undefined),
      table: text('table'),
      wireFormat,
      waitSeconds: number(text('wait-seconds'), 'wait-seconds', 'zeroOrMore') ?? 0,
      retrySeconds: number(text('retry-seconds'), 'retry-seconds', 'zeroOrMore') ?? 300,
    };
  } else if (sinkKind === 'snowflake') {
    const account = text('account') ?? env.SNOWFLAKE_ACCOUNT;
    const user = text('user') ?? env.SNOWFLAKE_USER;
    if ((!account || !user) && !help && !version) {
      throw new UsageError('--sink snowflake needs --account and --user (or SNOWFLAKE_ACCOUNT and SNOWFLAKE_USER)');
    }
    sink = {
      kind: 'snowflake',
      account: account ?? '',
      user: user ?? '',
      password: text('password') ?? (env.SNOWFLAKE_PASSWORD || undefined),
      privateKey: env.SNOWFLAKE_PRIVATE_KEY || undefined,
      privateKeyPassphrase: env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE || undefined,
      role: text('role') ?? (env.SNOWFLAKE_ROLE || undefined),
      warehouse: text('warehouse') ?? (env.SNOWFLAKE_WAREHOUSE || undefined),
      database: text('database') ?? (env.SNOWFLAKE_DATABASE || undefined),
      schema: text('schema') ?? (env.SNOWFLAKE_SCHEMA || undefined),
      table: text('table'),
    };
  } else {
    const path = text('chdb-path');
    if (!path && !help && !version) {
      throw new UsageError('--sink chdb needs --chdb-path <dir>, the folder chDB keeps its data in');
    }
    sink = { kind: 'chdb', path: path ?? '', table: text('table') };
  }
  if (sinkKind === 'file' && text('table') !== undefined) {
    throw new UsageError(`--table does not apply to --sink ${sinkName}`);
  }

  const applySchema = values['apply-schema'] === true;
  if (applySchema && sinkKind === 'file') {
    throw new UsageError(`--apply-schema needs a database sink (clickhouse, chdb or snowflake), not ${sinkName}`);
  }
  const retentionHours = number(text('retention-hours'), 'retention-hours', 'hours');
  if (retentionHours !== undefined && sinkKind === 'snowflake') {
    throw new UsageError('--retention-hours is for ClickHouse; Snowflake keeps rows until you delete them');
  }
  if (retentionHours !== undefined && !applySchema) {
    throw new UsageError('--retention-hours changes the schema, so it needs --apply-schema');
  }
  const cluster = text('cluster');
  if (cluster !== undefined && sinkKind !== 'clickhouse') {
    throw new UsageError(`--cluster is for --sink clickhouse, not ${sinkName}`);
  }
  if (cluster !== undefined && !applySchema) {
    throw new UsageError('--cluster shapes the schema, so it needs --apply-schema');
  }
  if (schemaOnly && !applySchema) {
    throw new UsageError('--schema-only writes no records, so it needs --apply-schema');
  }
  const auditUrl = text('audit-url');
  if (auditUrl !== undefined && !live) {
    throw new UsageError('--audit-url is for live mode (--rate): it sends the policy changes as they happen');
  }
  if (auditUrl !== undefined && !isHttpUrl(auditUrl)) {
    throw new UsageError(`--audit-url ${auditUrl} is not an http:// or https:// URL, e.g. http://ingest:7071/v1/audit`);
  }
  return {
    help,
    version,
    quiet: values.quiet === true,
    mode,
    sink,
    batchRows: number(text('batch-rows'), 'batch-rows', 'whole'),
    applySchema,
    retentionHours,
    cluster,
    schemaOnly,
    audit: auditUrl === undefined ? undefined : { url: auditUrl, token: env.FLOWLENS_INGEST_TOKEN || undefined },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

function time(input: string | undefined, option: string): number | undefined {
  if (input === undefined) {
    return undefined;
  }
  try {
    return parseTime(input, `--${option}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `drop-burst:shop/api@2025-01-07T10:00:00Z/10m[/intensity]` → an injection. */
function injection(text: string): InjectionInput {
  const match = /^(drop-burst|throughput-spike):([a-z0-9-]+\/[a-z0-9-]+)@([^/]+)\/(\d+[smhd])(?:\/([\d.e+]+))?$/.exec(
    text
  );
  if (!match) {
    throw new UsageError(
      `--inject ${text} is not <drop-burst|throughput-spike>:<namespace>/<workload>@<time>/<duration>[/<intensity>], e.g. drop-burst:shop/api@2025-01-07T10:00:00Z/10m`
    );
  }
  const [, kind, target, at, length, intensity] = match;
  return {
    kind: kind === 'drop-burst' ? 'dropBurst' : 'throughputSpike',
    target: target!,
    at: time(at, 'inject')!,
    durationSeconds: duration(length!, 'inject'),
    ...(intensity ? { intensity: number(intensity, 'inject', 'positive')! } : {}),
  };
}

/** "90s", "30m", "6h", "1d": a length of time in seconds, for --history, --export-interval and --inject. */
function duration(input: string, option: string): number {
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(input.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`--${option} ${input} is not a duration; give e.g. 60s, 30m, 6h or 1d`);
  }
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

type NumberRule = 'positive' | 'whole' | 'zeroOrMore' | 'hours' | 'seed';

function number(input: string | undefined, option: string, rule: NumberRule): number | undefined {
  if (input === undefined) {
    return undefined;
  }
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(input.trim()) ? Number(input) : Number.NaN;
  const wholeNeeded = rule === 'whole' || rule === 'hours' || rule === 'seed';
  const ok =
    Number.isFinite(value) &&
    (rule === 'zeroOrMore' || rule === 'hours'
      ? value >= 0
      : rule === 'seed'
        ? value < 2 ** 32 && value >= 0
        : value > 0) &&
    (!wholeNeeded || Number.isSafeInteger(value));
  if (!ok) {
    const expected = {
      positive: 'a number above 0',
      whole: 'a whole number above 0',
      zeroOrMore: 'a number of seconds, 0 or more',
      hours: 'a whole number of hours (0 keeps records forever)',
      seed: 'a whole number from 0 to 4294967295',
    }[rule];
    throw new UsageError(`--${option} ${input}: expected ${expected}`);
  }
  return value;
}

/** `--rate -5` would read as a missing value; joined as `--rate=-5` it reaches the number check instead. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function describeParseError(error: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? 'an option';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${option}`;
  }
  if (error.message.includes('does not take an argument')) {
    return `option ${option} takes no value`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `option ${option} needs a value`;
  }
  return error.message;
}
