import type { ConversationChoices } from './model/conversations.ts';
import type { Injection } from './model/injections.ts';
import { defaultExportIntervalSeconds } from './simulation.ts';
import { formatTime, parseTime, type TimeInput } from './time.ts';

/** What to generate. Same options and seed, same records, byte for byte. */
export interface GenerateOptions {
  /** Picks the cluster's names, addresses and all traffic; default 1. */
  seed?: number;
  /** Start of the records' time range; default 2025-01-06T00:00:00Z, fixed so output is reproducible. */
  from?: TimeInput;
  /** End of the time range (exclusive). Give `to`, `count` or both. */
  to?: TimeInput;
  /** Stop after this many records. */
  count?: number;
  /** Multiplies the cluster's connection rates (the default cluster writes ~100 records/s by day). */
  scale?: number;
  /** Seconds between two records of an open connection: the Flow Aggregator's activeFlowRecordTimeout (default 60). */
  exportIntervalSeconds?: number;
  /** The periodic drop burst and the new talker; default true. */
  builtInAnomalies?: boolean;
  /** Stationary traffic: no day and night, no hourly batch job (see ConversationChoices). */
  steadyTraffic?: boolean;
  /** Anomalies placed on purpose, for testing detectors. */
  injections?: readonly InjectionInput[];
}

/** An injection as options accept it: its start may be any time flowgen reads (see parseTime). */
export type InjectionInput = Omit<Injection, 'at'> & { at: TimeInput };

/** Live: records for the current second, every second, until stopped. */
export interface LiveOptions {
  seed?: number;
  /** Records per second to aim for now; the daily traffic shape moves it up and down later. */
  rate: number;
  /** Stop after this many records (default: run until the signal aborts). */
  count?: number;
  /** As for a backfill: seconds between two records of an open connection (default 60). */
  exportIntervalSeconds?: number;
  /** The simulation's first second (default: now); what else follows the simulation starts there too. */
  start?: number;
}

export interface Backfill {
  readonly kind: 'backfill';
  readonly seed: number;
  readonly from: number;
  readonly to: number | undefined;
  readonly count: number | undefined;
  readonly scale: number;
  readonly exportIntervalSeconds: number;
  readonly conversations: ConversationChoices;
}

export interface Live {
  readonly kind: 'live';
  readonly seed: number;
  readonly rate: number;
  readonly count: number | undefined;
  readonly exportIntervalSeconds: number;
  readonly start: number;
}

export const defaultFrom = Date.UTC(2025, 0, 6) / 1000;

export function resolveBackfill(options: GenerateOptions, now = Date.now()): Backfill {
  const seed = resolveSeed(options.seed);
  const from = options.from === undefined ? defaultFrom : parseTime(options.from, 'from', now);
  const to = options.to === undefined ? undefined : parseTime(options.to, 'to', now);
  const count = options.count === undefined ? undefined : positiveInteger(options.count, 'count');
  const scale = options.scale === undefined ? 1 : positiveNumber(options.scale, 'scale');
  if (to === undefined && count === undefined) {
    throw new Error('say how much to generate: a count of records, an end time (to), or both');
  }
  if (to !== undefined && to <= from) {
    throw new Error(`to (${formatTime(to)}) must be after from (${formatTime(from)})`);
  }
  const exportIntervalSeconds = resolveExportInterval(options.exportIntervalSeconds);
  const conversations = resolveConversations(options, now);
  return { kind: 'backfill', seed, from, to, count, scale, exportIntervalSeconds, conversations };
}

export function resolveLive(options: LiveOptions): Live {
  return {
    kind: 'live',
    seed: resolveSeed(options.seed),
    rate: positiveNumber(options.rate, 'rate'),
    count: options.count === undefined ? undefined : positiveInteger(options.count, 'count'),
    exportIntervalSeconds: resolveExportInterval(options.exportIntervalSeconds),
    start: options.start ?? Math.floor(Date.now() / 1000),
  };
}

function resolveConversations(options: GenerateOptions, now: number): ConversationChoices {
  const injections = (options.injections ?? []).map((injection, index): Injection => {
    const where = `injections[${index}]`;
    if (injection.kind !== 'dropBurst' && injection.kind !== 'throughputSpike') {
      throw new Error(`${where}: kind ${JSON.stringify(injection.kind)} is not dropBurst or throughputSpike`);
    }
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(injection.target)) {
      throw new Error(`${where}: target ${JSON.stringify(injection.target)} is not namespace/workload, e.g. shop/api`);
    }
    positiveInteger(injection.durationSeconds, `${where}.durationSeconds`);
    if (injection.intensity !== undefined) positiveNumber(injection.intensity, `${where}.intensity`);
    return { ...injection, at: parseTime(injection.at, `${where}.at`, now) };
  });
  return {
    builtInAnomalies: options.builtInAnomalies ?? true,
    steadyTraffic: options.steadyTraffic ?? false,
    injections,
  };
}

function resolveExportInterval(seconds: number | undefined): number {
  if (seconds === undefined) {
    return defaultExportIntervalSeconds;
  }
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error(`exportIntervalSeconds: ${seconds} is not a whole number of seconds from 1 to 3600`);
  }
  return seconds;
}

function resolveSeed(seed: number | undefined): number {
  if (seed === undefined) {
    return 1;
  }
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`seed: ${seed} is not a whole number from 0 to 4294967295`);
  }
  return seed;
}

export function positiveInteger(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${option}: ${value} is not a positive whole number`);
  }
  return value;
}

export function positiveNumber(value: number, option: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${option}: ${value} is not a positive number`);
  }
  return value;
}
