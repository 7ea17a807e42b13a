import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakesnowServer, freePort } from '@flowlens/testkit';
import type { SnowflakeEngine } from '../src/engines/snowflake/snowflakeEngine.ts';
import { EngineError } from '../src/engines/engineError.ts';
import { createLogger, registerSecret } from '../src/logging/logger.ts';
import { neverAborted } from './support/engines.ts';
import { flowsSchemaSql, snowflakeConnection, snowflakeEngine } from './support/snowflake.ts';
import { SnowflakeEngine as Engine } from '../src/engines/snowflake/snowflakeEngine.ts';

const password = 'flowlens-secret';
const keyPassphrase = 'key-passphrase-1';
const keyPair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const encryptedKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: keyPassphrase },
});
const strangerKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const oauthToken = 'oauth-access-token-1';

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

const query = (engine: SnowflakeEngine, sql: string, rowLimit = 1000, signal = neverAborted, timeoutMs = 30_000) =>
  engine.query(sql, { timeoutMs, rowLimit, signal });

describe('Snowflake engine against fakesnow', () => {
  let server: FakesnowServer;
  let engine: SnowflakeEngine;

  beforeAll(async () => {
    server = await FakesnowServer.launch({
      users: [
        { name: 'flowlens', password },
        { name: 'keyuser', publicKey: keyPair.publicKey },
        { name: 'encrypted_keyuser', publicKey: encryptedKey.publicKey },
        { name: 'oauthuser', oauthToken },
      ],
    });
    engine = snowflakeEngine(server, { password });
    await query(engine, flowsSchemaSql);
    await query(
      engine,
      `INSERT INTO FLOWS (flowEndSeconds, sourcePodName, sourcePodNamespace, octetDeltaCount, clusterUUID) VALUES
        (TO_TIMESTAMP_TZ(1736154061), 'web-1', 'shop', 100, 'c1'),
        (TO_TIMESTAMP_TZ(1736154121), 'web-1', 'shop', 200, 'c1'),
        (TO_TIMESTAMP_TZ(1736157601), 'db-1', 'shop', 18446744073709551615, 'c1')`
    );
    // 20,000 numbers: a self-join of them keeps DuckDB busy for minutes, long enough to stop it.
    await query(engine, 'CREATE TABLE NUMBERS AS SELECT SEQ4() AS x FROM TABLE(GENERATOR(ROWCOUNT => 20000))');
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
  });

  const slowQuery = 'SELECT COUNT(*) AS n FROM NUMBERS a, NUMBERS b, NUMBERS c WHERE MOD(a.x * b.x + c.x, 7) = 3';

  it('connects with role, warehouse, database and schema, and reports health', async () => {
    const health = await engine.health(neverAborted);
    expect(health).toMatchObject({
      engine: 'Snowflake',
      location: server.accessUrl,
      database: 'FLOWLENS.PUBLIC',
      flows: { exists: true, rowCount: '3', newestFlowMs: 1736157601000 },
    });
    expect(health.version).toMatch(/^\d+\.\d+/);
    const login = (await server.requests()).logins.find((entry) => entry.user === 'flowlens');
    expect(login).toMatchObject({
      authenticator: 'SNOWFLAKE',
      role: 'FLOWLENS_READER',
      warehouse: 'FLOWLENS_WH',
      database: 'FLOWLENS',
      schema: 'PUBLIC',
    });
  });

  it('says when the schema has no FLOWS table', async () => {
    const empty = snowflakeEngine(server, { password, database: 'EMPTY_DB' });
    try {
      expect((await empty.health(neverAborted)).flows).toEqual({ exists: false });
    } finally {
      await empty.close();
    }
  });

  it('logs in with a key pair, encrypted or not, checked against the registered public key', async () => {
    for (const [username, privateKey, privateKeyPassphrase] of [
      ['keyuser', keyPair.privateKey, undefined],
      ['encrypted_keyuser', encryptedKey.privateKey, keyPassphrase],
      // Pasted through an environment variable: line breaks as \n.
      ['keyuser', keyPair.privateKey.replace(/\n/g, '\\n'), undefined],
    ] as const) {
      const keyEngine = snowflakeEngine(server, { username, authType: 'keypair', privateKey, privateKeyPassphrase });
      try {
        expect((await keyEngine.health(neverAborted)).flows.exists).toBe(true);
      } finally {
        await keyEngine.close();
      }
    }
    expect((await server.requests()).logins.some((login) => login.authenticator === 'SNOWFLAKE_JWT')).toBe(true);
  });

  it('logs in with an OAuth token', async () => {
    const oauth = snowflakeEngine(server, { username: 'oauthuser', authType: 'oauth', oauthToken });
    try {
      expect((await oauth.health(neverAborted)).flows.exists).toBe(true);
    } finally {
      await oauth.close();
    }
  });

  it('reports refused logins with the user and account shown and no secret', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', { level: 'trace', write: (line) => lines.push(line) });
    const cases = [
      [{ password: 'wrong-password-1' }, /refused user "flowlens": incorrect username or password/],
      [
        { username: 'keyuser', authType: 'keypair', privateKey: strangerKey.privateKey },
        /refused user "keyuser": the key-pair JWT was rejected/,
      ],
      [
        { username: 'oauthuser', authType: 'oauth', oauthToken: 'stolen-token-1' },
        /refused user "oauthuser": the OAuth access token is invalid/,
      ],
    ] as const;
    for (const [overrides, expected] of cases) {
      registerSecret('wrong-password-1');
      registerSecret('stolen-token-1');
      const refused = new Engine(snowflakeConnection(server, overrides), logger);
      try {
        const error = await failure(refused.health(neverAborted));
        expect(error.kind).toBe('authentication');
        expect(error.message).toMatch(expected);
        expect(error.message).toContain(server.accessUrl);
        expect(error.message).not.toMatch(/wrong-password-1|stolen-token-1|PRIVATE KEY/);
      } finally {
        await refused.close();
      }
    }
    expect(lines.join('\n')).not.toMatch(/wrong-password-1|stolen-token-1|BEGIN PRIVATE KEY/);
  });

  it('checks key-pair secrets before connecting', () => {
    expect(() => snowflakeEngine(server, { authType: 'keypair', privateKey: encryptedKey.privateKey })).toThrow(
      /private key is encrypted: set its passphrase/
    );
    expect(() =>
      snowflakeEngine(server, {
        authType: 'keypair',
        privateKey: encryptedKey.privateKey,
        privateKeyPassphrase: 'not-it',
      })
    ).toThrow(/could not be decrypted with the passphrase/);
    expect(() => snowflakeEngine(server, { authType: 'keypair', privateKey: 'ssh-rsa AAAA' })).toThrow(/PKCS#8 PEM/);
    expect(() => snowflakeEngine(server, { authType: 'password', password: undefined })).toThrow(/needs the password/);
  });

  it('reports an unreachable account as a connection error, quickly', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    const unreachable = new Engine(
      snowflakeConnection(server, { account: `http://127.0.0.1:${closedPort}`, password }),
      createLogger('test', { level: 'error', write: () => undefined })
    );
    try {
      const error = await failure(unreachable.health(neverAborted));
      expect(error.kind).toBe('connection');
      expect(error.message).toContain(`cannot reach Snowflake at http://127.0.0.1:${closedPort}`);
    } finally {
      await unreachable.close();
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("passes Snowflake's message for unknown tables and columns", async () => {
    const table = await failure(query(engine, 'SELECT * FROM NO_SUCH_TABLE'));
    expect(table.kind).toBe('query');
    expect(table.message).toMatch(/^Snowflake error 002003 \(42S02\): .*NO_SUCH_TABLE/);
    const column = await failure(query(engine, 'SELECT noSuchColumn FROM flows'));
    expect(column.kind).toBe('query');
    expect(column.message).toMatch(/NOSUCHCOLUMN/);
  });

  it('stops a statement at the timeout, on the server too, and says which limit it hit', async () => {
    const quick = snowflakeEngine(server, { password, queryTimeoutSeconds: 1 });
    try {
      const started = Date.now();
      const error = await failure(query(quick, slowQuery, 10, neverAborted, 1000));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/after the 1 s timeout \(queryTimeoutSeconds\)/);
      expect(Date.now() - started).toBeLessThan(10_000);
      const requests = await server.requests();
      const statement = requests.statements.find((s) => s.sqlText === slowQuery);
      expect(statement?.parameters).toMatchObject({ STATEMENT_TIMEOUT_IN_SECONDS: 1 });
      expect(requests.running).not.toContain(statement?.requestId);
    } finally {
      await quick.close();
    }
  });

  it('cancels the statement on the server when Grafana cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const error = await failure(query(engine, `${slowQuery} AND a.x > 1`, 10, controller.signal));
    expect(error.kind).toBe('cancelled');
    const requests = await server.requests();
    const statement = requests.statements.find((s) => s.sqlText === `${slowQuery} AND a.x > 1`)!;
    // The driver's abort request names the running statement, and the server stopped it.
    await expect
      .poll(async () => (await server.requests()).aborts.find((abort) => abort.requestId === statement.requestId))
      .toMatchObject({ stopped: true });
    // The interrupt unwinds the statement on the server's own time; under load that takes a moment.
    await expect.poll(async () => (await server.requests()).running).not.toContain(statement.requestId);
    // The engine keeps working afterwards.
    expect((await query(engine, 'SELECT 1 AS "one"')).rowCount).toBe(1);
  });

  it('reads rows only up to the row limit and says the result was cut', async () => {
    const result = await query(engine, 'SELECT x FROM NUMBERS ORDER BY x', 25);
    expect(result).toMatchObject({ rowCount: 25, truncated: true });
    expect([...result.fields[0]!.values].map(Number)).toEqual([...Array(25).keys()]);
    expect(await query(engine, 'SELECT x FROM NUMBERS WHERE x < 25', 25)).toMatchObject({
      rowCount: 25,
      truncated: false,
    });
  });

  it('converts every Snowflake type like the ClickHouse engine, keeping nulls', async () => {
    const result = await query(
      engine,
      `SELECT 42::NUMBER(10,0) AS "whole", 18446744073709551615::NUMBER(20,0) AS "big", 1.25::NUMBER(10,2) AS "decimal",
        2.5::FLOAT AS "float", 'text'::VARCHAR AS "text", TRUE AS "flag", '2025-01-06'::DATE AS "day",
        '2025-01-06 10:00:00'::TIMESTAMP_NTZ AS "ntz", '2025-01-06 10:00:00 +02:00'::TIMESTAMP_TZ AS "tz",
        PARSE_JSON('{"app":"web"}') AS "variant", OBJECT_CONSTRUCT('a', 1) AS "object",
        NULL::NUMBER AS "noNumber", NULL::VARCHAR AS "noText"`
    );
    const byName = Object.fromEntries(result.fields.map((field) => [field.name, field]));
    const value = (name: string) => byName[name]!.values.get(0) as unknown;
    expect(Object.fromEntries(result.fields.map((field) => [field.name, field.kind]))).toEqual({
      whole: 'number',
      big: 'number',
      decimal: 'number',
      float: 'number',
      text: 'string',
      flag: 'boolean',
      day: 'time',
      ntz: 'time',
      tz: 'time',
      variant: 'other',
      object: 'other',
      noNumber: 'number',
      noText: 'string',
    });
    expect(String(byName.whole!.values.type)).toBe('Int64');
    expect(value('whole')).toBe(42n);
    expect(String(byName.big!.values.type)).toBe('Uint64');
    expect(value('big')).toBe(18446744073709551615n);
    expect(value('decimal')).toBe(1.25);
    expect(value('float')).toBe(2.5);
    expect(value('text')).toBe('text');
    expect(value('flag')).toBe(true);
    expect(Number(value('day'))).toBe(Date.parse('2025-01-06T00:00:00Z'));
    expect(Number(value('ntz'))).toBe(Date.parse('2025-01-06T10:00:00Z'));
    expect(Number(value('tz'))).toBe(Date.parse('2025-01-06T08:00:00Z'));
    expect(JSON.parse(new TextDecoder().decode(value('variant') as Uint8Array))).toEqual({ app: 'web' });
    expect(JSON.parse(new TextDecoder().decode(value('object') as Uint8Array))).toEqual({ a: 1 });
    // fakesnow cannot send a NULL TIMESTAMP_TZ (its Arrow encoding fails); null times are covered in snowflakeColumns.test.ts.
    expect([value('noNumber'), value('noText')]).toEqual([null, null]);
  });

  it("gives flows columns back the schema's names; quoted aliases keep theirs", async () => {
    const result = await query(
      engine,
      'SELECT sourcePodName, octetDeltaCount, sourcePodNamespace AS "Namespace", COUNT(*) AS n FROM flows GROUP BY 1, 2, 3 ORDER BY 2'
    );
    expect(result.fields.map((field) => field.name)).toEqual(['sourcePodName', 'octetDeltaCount', 'Namespace', 'N']);
  });

  it('answers the schema and values resources with canonical names', async () => {
    const tables = await engine.schema(neverAborted);
    const flows = tables.find((table) => table.name === 'flows')!;
    expect(flows.columns.map((column) => column.name)).toEqual(
      expect.arrayContaining(['sourcePodName', 'flowEndSeconds'])
    );
    expect(flows.columns.find((column) => column.name === 'flowEndSeconds')!.type).toBe('TIMESTAMP_TZ');
    expect(await engine.distinctValues('sourcePodName', 10, neverAborted)).toEqual(['web-1', 'db-1']);
    expect(
      await engine.distinctValues('sourcePodName', 10, neverAborted, {
        fromMs: Date.parse('2025-01-06T09:00:00Z'),
        toMs: Date.parse('2025-01-06T09:30:00Z'),
      })
    ).toEqual(['web-1']);
  });
});
