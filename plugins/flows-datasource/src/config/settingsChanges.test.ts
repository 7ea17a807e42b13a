import { describe, expect, it } from 'vitest';
import {
  addHeader,
  isNewDatasource,
  removeHeader,
  renameHeader,
  resetSecret,
  setHeaderValue,
  switchEngine,
  withComposeDefaults,
} from './settingsChanges';
import { flowsSettings } from '../test/settingsFixture';

const settings = flowsSettings;

describe('new datasources', () => {
  it('start with the docker-compose connection', () => {
    expect(isNewDatasource({})).toBe(true);
    expect(withComposeDefaults(settings()).jsonData).toEqual({
      engine: 'clickhouse',
      url: 'http://clickhouse:8123',
      username: 'flowlens_reader',
      database: 'default',
      queryTimeoutSeconds: 60,
      rowLimit: 1_000_000,
    });
  });

  it('are never provisioned ones', () => {
    expect(isNewDatasource({ url: 'http://ch:8123' })).toBe(false);
    expect(isNewDatasource({ account: 'org-acct' })).toBe(false);
    expect(isNewDatasource({ engine: 'snowflake' })).toBe(false);
  });
});

describe('switchEngine', () => {
  it("drops ClickHouse's compose defaults that mean nothing to Snowflake", () => {
    const switched = switchEngine(withComposeDefaults(settings()), 'snowflake').jsonData;
    expect(switched).toMatchObject({ engine: 'snowflake', authType: 'password', url: 'http://clickhouse:8123' });
    expect(switched).not.toHaveProperty('database');
    expect(switched).not.toHaveProperty('username');
  });

  it('keeps what the user chose and restores the ClickHouse database default', () => {
    const snowflake = settings({
      jsonData: { engine: 'snowflake', database: 'FLOWLENS', username: 'grafana', authType: 'keypair' },
    });
    expect(switchEngine(snowflake, 'snowflake').jsonData).toMatchObject({
      database: 'FLOWLENS',
      username: 'grafana',
      authType: 'keypair',
    });
    expect(switchEngine(settings({ jsonData: { engine: 'snowflake' } }), 'clickhouse').jsonData.database).toBe(
      'default'
    );
  });
});

describe('secrets', () => {
  it('reset clears a saved secret on the next save', () => {
    const reset = resetSecret(settings({ secureJsonFields: { password: true } }), 'password');
    expect(reset.secureJsonFields.password).toBe(false);
    expect(reset.secureJsonData?.password).toBe('');
  });
});

describe('HTTP headers', () => {
  it('keep values secret under httpHeaderValue.<name>', () => {
    let options = addHeader(settings());
    options = renameHeader(options, 0, 'X-Token');
    options = setHeaderValue(options, 0, 's3cret', true);
    expect(options.jsonData.httpHeaders).toEqual([{ name: 'X-Token', value: '' }]);
    expect(options.secureJsonData).toEqual({ 'httpHeaderValue.X-Token': 's3cret' });
  });

  it('move a value typed this session with the name, without leaving keys behind', () => {
    let options = settings({
      jsonData: { httpHeaders: [{ name: 'X-Tok', value: '' }] },
      secureJsonData: { 'httpHeaderValue.X-Tok': 'v' },
    });
    options = renameHeader(options, 0, 'X-Token');
    expect(options.secureJsonData).toEqual({ 'httpHeaderValue.X-Token': 'v' });
  });

  it('clear a saved value when renamed or removed, since it cannot be read back', () => {
    const saved = settings({
      jsonData: { httpHeaders: [{ name: 'X-Token', value: '' }] },
      secureJsonFields: { 'httpHeaderValue.X-Token': true },
    });
    const renamed = renameHeader(saved, 0, 'Authorization');
    expect(renamed.secureJsonFields['httpHeaderValue.X-Token']).toBe(false);
    expect(renamed.secureJsonData).toEqual({ 'httpHeaderValue.X-Token': '' });
    const removed = removeHeader(saved, 0);
    expect(removed.jsonData.httpHeaders).toEqual([]);
    expect(removed.secureJsonData).toEqual({ 'httpHeaderValue.X-Token': '' });
  });

  it('edit a plain value from provisioning in place', () => {
    const options = setHeaderValue(
      settings({ jsonData: { httpHeaders: [{ name: 'X-Tenant', value: 'a' }] } }),
      0,
      'b',
      false
    );
    expect(options.jsonData.httpHeaders).toEqual([{ name: 'X-Tenant', value: 'b' }]);
  });
});
