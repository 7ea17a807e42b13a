import { describe, expect, it } from 'vitest';
import type { FlowsDataSourceOptions } from '../types';
import {
  clickhouseUrlProblem,
  snowflakeAccountProblem,
  validateSettings,
  type SecretState,
} from './settingsValidation';

const noSecrets: SecretState = { configured: {}, typed: {} };

describe('clickhouseUrlProblem', () => {
  it.each([
    ['http://clickhouse:8123', undefined],
    ['https://ch.example.com:8443/', undefined],
    ['', 'Required: the ClickHouse HTTP(S) endpoint, e.g. http://clickhouse:8123'],
    ['clickhouse:8123', 'Start with http:// or https://, e.g. http://clickhouse:8123'],
    ['tcp://clickhouse:9000', "FlowLens uses ClickHouse's HTTP interface: use http:// or https:// instead of tcp://"],
    ['http://reader:secret@clickhouse:8123', 'Put the user and password in their own fields, not in the URL'],
    [
      'http://clickhouse:9000',
      "Port 9000 is ClickHouse's native protocol; the HTTP interface listens on 8123 (8443 with TLS)",
    ],
    ['http://', '"http://" is not a valid URL'],
  ])('%j → %j', (url, problem) => {
    expect(clickhouseUrlProblem(url)).toBe(problem);
  });
});

describe('snowflakeAccountProblem', () => {
  it.each([
    ['myorg-myaccount', undefined],
    ['', 'Required: your account identifier, e.g. myorg-myaccount'],
    ['https://myorg-myaccount.snowflakecomputing.com', 'Use the account identifier, not the URL: myorg-myaccount'],
    ['xy12345.eu-west-1.snowflakecomputing.com', 'Use the account identifier, not the URL: xy12345.eu-west-1'],
  ])('%j → %j', (account, problem) => {
    expect(snowflakeAccountProblem(account)).toBe(problem);
  });
});

describe('validateSettings', () => {
  it('checks only the chosen engine', () => {
    const json: FlowsDataSourceOptions = { engine: 'clickhouse', url: 'http://clickhouse:8123', account: '' };
    expect(validateSettings(json, noSecrets)).toEqual({});
  });

  it('needs the secret of the chosen Snowflake authentication, saved or typed', () => {
    const base: FlowsDataSourceOptions = { engine: 'snowflake', account: 'org-acct', username: 'grafana' };
    expect(validateSettings({ ...base, authType: 'password' }, noSecrets).secret).toBe(
      'Required for password authentication'
    );
    expect(validateSettings(base, { configured: { password: true }, typed: {} }).secret).toBeUndefined();
    expect(validateSettings({ ...base, authType: 'oauth' }, { configured: { password: true }, typed: {} }).secret).toBe(
      'Required for OAuth: an access token'
    );
    expect(
      validateSettings({ ...base, authType: 'keypair' }, { configured: {}, typed: { privateKey: 'MIIEvQIBADAN' } })
        .secret
    ).toMatch(/^Paste the PEM key/);
    expect(
      validateSettings(
        { ...base, authType: 'keypair' },
        { configured: {}, typed: { privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII…' } }
      ).secret
    ).toBeUndefined();
  });

  it('needs a Snowflake user', () => {
    expect(validateSettings({ engine: 'snowflake', account: 'a' }, noSecrets).username).toBe(
      'Required: the Snowflake user'
    );
  });

  it('keeps limits within what the backend accepts', () => {
    const problems = validateSettings(
      { engine: 'clickhouse', url: 'http://c:8123', queryTimeoutSeconds: 0, rowLimit: 1.5 },
      noSecrets
    );
    expect(problems.queryTimeoutSeconds).toBe('A whole number of seconds from 1 to 3,600');
    expect(problems.rowLimit).toBe('A whole number of rows from 1 to 100,000,000');
    expect(
      validateSettings({ engine: 'clickhouse', url: 'http://c:8123', queryTimeoutSeconds: 3600 }, noSecrets)
    ).toEqual({});
  });

  it('names each bad header row', () => {
    const problems = validateSettings(
      {
        engine: 'clickhouse',
        url: 'http://c:8123',
        httpHeaders: [
          { name: 'X-Token', value: '' },
          { name: '', value: '' },
          { name: 'Bad Header', value: '' },
          { name: 'x-token', value: '' },
        ],
      },
      noSecrets
    );
    expect(problems.httpHeaders).toEqual({
      1: 'Give the header a name, or remove it',
      2: 'Header names hold only letters, digits and "-"',
      3: '"x-token" is already set above',
    });
  });
});
