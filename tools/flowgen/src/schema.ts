import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { atLeast, parseVersion, type Version } from './clickhouse/version.ts';
import { checkClusterLayout, distributedTableStatements, onShard, type ClusterLayout } from './clusterSchema.ts';
import { splitStatements } from './sqlStatements.ts';

/** Somewhere to run DDL: ClickHouse over HTTP or a chDB session (see schemaTargets.ts). */
export interface SchemaTarget {
  /** Where the schema goes, for messages; never contains credentials. */
  readonly description: string;
  serverVersion(): Promise<string>;
  execute(statement: string): Promise<void>;
}

export interface ApplySchemaOptions {
  /** Folder of *.sql files, applied in name order; default: the repository's provisioning/clickhouse. */
  schemaDir?: string;
  /**
   * Replaces the 12 hours of the retention statement (the one with MODIFY TTL). 0 keeps records
   * forever: the file with the TTL is skipped, and reported. Backfills of past days need that (or a
   * long enough retention), or the TTL deletes them as soon as they land.
   */
  retentionHours?: number;
  /** Receives one line per skipped file; default stderr. Skips are never silent. */
  log?: (line: string) => void;
  /**
   * Apply to one node of a sharded cluster (docs/cluster.md): the tables holding rows become
   * `<table>_local`, and Distributed tables of the usual names read and write all shards.
   */
  cluster?: ClusterLayout;
}

export interface SchemaReport {
  serverVersion: string;
  applied: { file: string; statements: number }[];
  /** Files skipped, and why: a `-- requires: X.Y` header asking for a newer server, or retention 0. */
  skipped: { file: string; requires: string; reason: string }[];
  /** Files applied with their `-- before X.Y: a => b` changes, on a server older than X.Y. */
  adapted: { file: string; before: string }[];
}

export const defaultSchemaDir = resolve(import.meta.dirname, '../../../provisioning/clickhouse');
/** The FLOWS table for Snowflake (Theia's layout). */
export const snowflakeSchemaDir = resolve(import.meta.dirname, '../../../provisioning/snowflake');

const requiresHeader = /^--\s*requires:\s*(\d+\.\d+)\s*$/m;
const retentionInterval = /INTERVAL\s+\d+\s+HOUR/i;
const beforeLine = /^--\s*before\s+(\d+\.\d+):\s*(.+?)\s*=>\s*(.+?)\s*$/gm;

/**
 * A schema file as a server of `version` needs it: its `-- before X.Y: a => b` lines replace a with b
 * on a server older than X.Y. Returns the text and the versions it was adapted for. Every `a` must
 * occur outside comments, on every server, so a line that no longer matches the file fails loudly
 * instead of leaving an old server with SQL it cannot run.
 */
export function adaptedSchema(file: string, text: string, version: Version): { text: string; before: string[] } {
  const lines = [...text.matchAll(beforeLine)].map(([, before, from, to]) => ({
    before: before!,
    from: from!,
    to: to!,
  }));
  const withoutComments = text.replace(/^\s*--.*$/gm, '');
  for (const { from, to } of lines) {
    if (!withoutComments.includes(from)) {
      throw new Error(`${file}: its line "-- before …: ${from} => ${to}" matches nothing in the file`);
    }
  }
  const changes = lines.filter(({ before }) => !atLeast(version, parseVersion(before)));
  let adapted = text;
  for (const { from, to } of changes) {
    adapted = adapted.replaceAll(from, to);
  }
  return { text: adapted, before: [...new Set(changes.map(({ before }) => before))] };
}

/**
 * Applies provisioning/clickhouse/*.sql in name order. A file starting with `-- requires: X.Y` is
 * skipped on an older server (Debian's 18.16 has no TTL and no deduplication setting), and the
 * skip is reported in the result and through `log`. A file's `-- before X.Y: a => b` lines replace a
 * with b in its statements on a server older than X.Y (the rollup's connection ids: 05-…), reported
 * the same way.
 */
export async function applySchema(target: SchemaTarget, options: ApplySchemaOptions = {}): Promise<SchemaReport> {
  const dir = options.schemaDir ?? defaultSchemaDir;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (
    options.retentionHours !== undefined &&
    !(Number.isSafeInteger(options.retentionHours) && options.retentionHours >= 0)
  ) {
    throw new Error(
      `retentionHours: ${options.retentionHours} is not a whole number of hours (0 keeps records forever)`
    );
  }
  if (options.cluster) {
    checkClusterLayout(options.cluster);
  }
  const placed = (statement: string) => (options.cluster ? onShard(statement) : statement);
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.sql'))
      .sort();
  } catch (error) {
    throw new Error(`cannot read the schema folder ${dir}: ${(error as Error).message}`);
  }
  if (files.length === 0) {
    throw new Error(`the schema folder ${dir} has no .sql files`);
  }

  const serverVersion = (await target.serverVersion()).trim();
  const version = parseVersion(serverVersion);
  const report: SchemaReport = { serverVersion, applied: [], skipped: [], adapted: [] };
  let retentionSeen = false;
  for (const file of files) {
    const adaptation = adaptedSchema(file, readFileSync(join(dir, file), 'utf8'), version);
    const text = adaptation.text;
    const requires = requiresHeader.exec(text)?.[1];
    let setsRetention = false;
    const statements = splitStatements(text)
      .map(placed)
      .map((statement) => {
        if (/MODIFY\s+TTL/i.test(statement)) {
          setsRetention = true;
          if (options.retentionHours) {
            return statement.replace(retentionInterval, `INTERVAL ${options.retentionHours} HOUR`);
          }
        }
        return statement;
      });
    retentionSeen ||= setsRetention;
    if (requires && !atLeast(version, parseVersion(requires))) {
      const reason = `needs ClickHouse ${requires} or newer; ${target.description} runs ${serverVersion}`;
      report.skipped.push({ file, requires, reason });
      log(`flowgen: skipped ${file}: ${reason}`);
      continue;
    }
    if (setsRetention && options.retentionHours === 0) {
      // Asked for by the caller, so only reported, not logged.
      report.skipped.push({
        file,
        requires: requires ?? '',
        reason: 'retention 0 hours asked for: records are kept forever',
      });
      continue;
    }
    for (const before of adaptation.before) {
      report.adapted.push({ file, before });
      log(`flowgen: adapted ${file} for ClickHouse before ${before}; ${target.description} runs ${serverVersion}`);
    }
    for (const statement of statements) {
      try {
        await target.execute(statement);
      } catch (error) {
        throw new Error(`applying ${file} to ${target.description} failed: ${(error as Error).message}`);
      }
    }
    report.applied.push({ file, statements: statements.length });
  }
  if (options.cluster) {
    const statements = distributedTableStatements(options.cluster);
    for (const statement of statements) {
      try {
        await target.execute(statement);
      } catch (error) {
        throw new Error(`creating the Distributed tables on ${target.description} failed: ${(error as Error).message}`);
      }
    }
    report.applied.push({
      file: `Distributed tables over cluster ${options.cluster.name}`,
      statements: statements.length,
    });
  }
  if (options.retentionHours !== undefined && !retentionSeen) {
    throw new Error(`retentionHours was given but no .sql file in ${dir} has a MODIFY TTL statement to change`);
  }
  return report;
}
