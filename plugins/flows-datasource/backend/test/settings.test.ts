import { describe, expect, it } from 'vitest';
import { parseSettings } from '../src/handlers/datasourceSettings.ts';

const settings = (jsonData: Record<string, unknown>, secure: Record<string, string> = {}) => ({
  uid: 'u',
  name: 'n',
  updatedMs: 1,
  jsonData,
  decryptedSecureJsonData: secure,
});

describe('datasource settings', () => {
  it('applies the documented defaults', () => {
    expect(parseSettings(settings({ url: 'http://clickhouse:8123/' }, { password: 'p' }))).toEqual({
      engine: 'clickhouse',
      queryTimeoutSeconds: 60,
      rowLimit: 1_000_000,
      exportIntervalSeconds: 60,
      useRollups: true,
      clickhouse: {
        url: 'http://clickhouse:8123',
        username: 'default',
        password: 'p',
        database: 'default',
        tlsSkipVerify: false,
        tlsCACert: undefined,
        httpHeaders: {},
        queryTimeoutSeconds: 60,
      },
    });
  });

  it('takes the flow export interval, in whole seconds from 1 to 3600', () => {
    const base = { url: 'http://clickhouse:8123' };
    expect(parseSettings(settings({ ...base, exportIntervalSeconds: 5 }, {})).exportIntervalSeconds).toBe(5);
    expect(parseSettings(settings({ ...base, exportIntervalSeconds: '90' }, {})).exportIntervalSeconds).toBe(90);
    expect(() => parseSettings(settings({ ...base, exportIntervalSeconds: 0 }, {}))).toThrow(
      /"exportIntervalSeconds" must be a number from 1 to 3600, got 0/
    );
  });

  it('reads rollups unless told not to, and takes only true or false', () => {
    const base = { url: 'http://clickhouse:8123' };
    expect(parseSettings(settings({ ...base, useRollups: false })).useRollups).toBe(false);
    expect(parseSettings(settings({ ...base, useRollups: true })).useRollups).toBe(true);
    expect(() => parseSettings(settings({ ...base, useRollups: 'no' }))).toThrow(
      /"useRollups" must be true or false, got "no"/
    );
  });

  it('takes secret header values from secure data', () => {
    const parsed = parseSettings(
      settings(
        {
          url: 'https://ch:8443',
          httpHeaders: [
            { name: 'X-Token', value: '' },
            { name: 'X-Team', value: 'netops' },
          ],
        },
        { 'httpHeaderValue.X-Token': 's3cr3t' }
      )
    );
    expect(parsed.engine === 'clickhouse' && parsed.clickhouse.httpHeaders).toEqual({
      'X-Token': 's3cr3t',
      'X-Team': 'netops',
    });
  });

  it.each([
    [{}, /ClickHouse URL is missing/],
    [{ url: 'clickhouse:8123' }, /must start with http:\/\/ or https:\/\//],
    [{ url: 'tcp://clickhouse:9000' }, /must start with http/],
    [{ url: 'http://user:pw@clickhouse:8123' }, /not in the URL/],
    [{ url: 'http://x', queryTimeoutSeconds: 0 }, /"queryTimeoutSeconds" must be a number from 1 to 3600/],
    [{ url: 'http://x', rowLimit: 'lots' }, /"rowLimit" must be a number/],
    [{ url: 'http://x', httpHeaders: [{ name: 'Bad Header' }] }, /may only hold letters/],
    [{ engine: 'postgres' }, /engine "postgres" is not supported/],
    [{ engine: 'snowflake' }, /Snowflake account is missing/],
    [{ engine: 'snowflake', account: 'a', username: 'u', authType: 'magic' }, /authType "magic"/],
  ])('rejects %j with a clear message', (jsonData, message) => {
    expect(() => parseSettings(settings(jsonData))).toThrow(message);
  });
});
