import type { FlowsDataSourceOptions } from '../types';

/**
 * What is wrong with the settings, per field, in words a user can act on. The backend checks the
 * same rules when it connects ("Save & test"); catching them here saves a round trip. Messages are
 * shown beside their fields and never block saving.
 */
export interface SettingsProblems {
  url?: string;
  account?: string;
  username?: string;
  secret?: string;
  queryTimeoutSeconds?: string;
  rowLimit?: string;
  exportIntervalSeconds?: string;
  /** By header row. */
  httpHeaders?: Record<number, string>;
}

export interface SecretState {
  /** Saved on the server (Grafana's secureJsonFields). */
  configured: Record<string, boolean>;
  /** Typed in this session, not saved yet. */
  typed: Record<string, string | undefined>;
}

export const limits = {
  queryTimeoutSeconds: { min: 1, max: 3600 },
  rowLimit: { min: 1, max: 100_000_000 },
  exportIntervalSeconds: { min: 1, max: 3600 },
} as const;

const nativePorts = new Set(['9000', '9440']);

export function clickhouseUrlProblem(url: string | undefined): string | undefined {
  const text = (url ?? '').trim();
  if (text === '') {
    return 'Required: the ClickHouse HTTP(S) endpoint, e.g. http://clickhouse:8123';
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return `Start with http:// or https://, e.g. http://${text.replace(/^\/+/, '')}`;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return `FlowLens uses ClickHouse's HTTP interface: use http:// or https:// instead of ${scheme}://`;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `"${text}" is not a valid URL`;
  }
  if (parsed.username || parsed.password) {
    return 'Put the user and password in their own fields, not in the URL';
  }
  if (nativePorts.has(parsed.port)) {
    return `Port ${parsed.port} is ClickHouse's native protocol; the HTTP interface listens on 8123 (8443 with TLS)`;
  }
  return undefined;
}

export function snowflakeAccountProblem(account: string | undefined): string | undefined {
  const text = (account ?? '').trim();
  if (text === '') {
    return 'Required: your account identifier, e.g. myorg-myaccount';
  }
  if (/:\/\/|snowflakecomputing\.com/i.test(text)) {
    const identifier = text.replace(/^[a-z]+:\/\//i, '').replace(/\.snowflakecomputing\.com.*$/i, '');
    return `Use the account identifier, not the URL: ${identifier}`;
  }
  return undefined;
}

function limitProblem(value: number | undefined, { min, max }: { min: number; max: number }, unit: string) {
  if (value === undefined) {
    return undefined;
  }
  return Number.isInteger(value) && value >= min && value <= max
    ? undefined
    : `A whole number of ${unit} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
}

const hasSecret = (secrets: SecretState, key: string) => secrets.configured[key] === true || !!secrets.typed[key];

function secretProblem(json: FlowsDataSourceOptions, secrets: SecretState): string | undefined {
  switch (json.authType ?? 'password') {
    case 'password':
      return hasSecret(secrets, 'password') ? undefined : 'Required for password authentication';
    case 'keypair': {
      if (!hasSecret(secrets, 'privateKey')) {
        return 'Required for key-pair authentication: the PEM private key';
      }
      const typed = secrets.typed.privateKey;
      return typed && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(typed)
        ? 'Paste the PEM key, starting with -----BEGIN PRIVATE KEY----- (or ENCRYPTED PRIVATE KEY)'
        : undefined;
    }
    case 'oauth':
      return hasSecret(secrets, 'oauthToken') ? undefined : 'Required for OAuth: an access token';
  }
}

function headerProblems(json: FlowsDataSourceOptions): Record<number, string> | undefined {
  const problems: Record<number, string> = {};
  const seen = new Set<string>();
  (json.httpHeaders ?? []).forEach((header, index) => {
    const name = header.name.trim();
    if (name === '') {
      problems[index] = 'Give the header a name, or remove it';
    } else if (!/^[A-Za-z0-9-]+$/.test(name)) {
      problems[index] = 'Header names hold only letters, digits and "-"';
    } else if (seen.has(name.toLowerCase())) {
      problems[index] = `"${name}" is already set above`;
    }
    seen.add(name.toLowerCase());
  });
  return Object.keys(problems).length > 0 ? problems : undefined;
}

export function validateSettings(json: FlowsDataSourceOptions, secrets: SecretState): SettingsProblems {
  const problems: SettingsProblems = {
    queryTimeoutSeconds: limitProblem(json.queryTimeoutSeconds, limits.queryTimeoutSeconds, 'seconds'),
    rowLimit: limitProblem(json.rowLimit, limits.rowLimit, 'rows'),
    exportIntervalSeconds: limitProblem(json.exportIntervalSeconds, limits.exportIntervalSeconds, 'seconds'),
  };
  if ((json.engine ?? 'clickhouse') === 'clickhouse') {
    problems.url = clickhouseUrlProblem(json.url);
    problems.httpHeaders = headerProblems(json);
  } else {
    problems.account = snowflakeAccountProblem(json.account);
    problems.username = (json.username ?? '').trim() === '' ? 'Required: the Snowflake user' : undefined;
    problems.secret = secretProblem(json, secrets);
  }
  return Object.fromEntries(Object.entries(problems).filter(([, problem]) => problem !== undefined));
}
