import { createRequire } from 'node:module';
import type * as SnowflakeSdk from 'snowflake-sdk';
import type { Binds, Connection } from 'snowflake-sdk';

// snowflake-sdk is CommonJS whose exports Node's ESM loader cannot name; require() gives all of them.
// Loaded on first use only: it pulls in the AWS SDK, slow to load and noisy on stderr (a Node version
// warning), which every other sink would pay for.
let loadedSdk: typeof SnowflakeSdk | undefined;
function snowflakeSdk(): typeof SnowflakeSdk {
  loadedSdk ??= createRequire(import.meta.url)('snowflake-sdk') as typeof SnowflakeSdk;
  return loadedSdk;
}

export interface SnowflakeConnectionOptions {
  /** Account identifier (myorg-myaccount), account host, or URL (http only on loopback, for fakesnow). */
  account: string;
  user: string;
  password?: string;
  /** PKCS#8 PEM for key-pair login, with its passphrase when encrypted. */
  privateKey?: string;
  privateKeyPassphrase?: string;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
}

/** One logged-in Snowflake session for loading and DDL; `description` never holds a secret. */
export class SnowflakeSession {
  private constructor(
    private readonly connection: Connection,
    readonly description: string
  ) {}

  static async open(options: SnowflakeConnectionOptions): Promise<SnowflakeSession> {
    const snowflake = snowflakeSdk();
    snowflake.configure({ logLevel: 'ERROR', customLogger: quietLogger });
    const isUrl = /^https?:\/\//i.test(options.account);
    if (
      isUrl &&
      options.account.startsWith('http:') &&
      !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]?/i.test(options.account)
    ) {
      throw new Error(
        `Snowflake account URL ${options.account}: use https:// (http only for a local emulator on loopback)`
      );
    }
    const connection = snowflake.createConnection({
      account: isUrl ? new URL(options.account).hostname.split('.')[0]! : options.account,
      ...(isUrl ? { accessUrl: new URL(options.account).origin } : {}),
      username: options.user,
      ...(options.privateKey
        ? {
            authenticator: 'SNOWFLAKE_JWT',
            privateKey: options.privateKey,
            privateKeyPass: options.privateKeyPassphrase,
          }
        : { password: options.password }),
      role: options.role,
      warehouse: options.warehouse,
      database: options.database,
      schema: options.schema,
      application: 'FlowLens',
      sfRetryMaxLoginRetries: 2,
    });
    const where = `Snowflake account ${options.account} as ${options.user}`;
    await new Promise<void>((resolve, reject) =>
      connection.connect((error) =>
        error ? reject(new Error(`cannot log in to ${where}: ${error.message}`)) : resolve()
      )
    );
    return new SnowflakeSession(
      connection,
      `${where}, ${options.database ?? '(default database)'}.${options.schema ?? '(default schema)'}`
    );
  }

  /** Runs one statement; rows as objects keyed by column name. */
  execute(sqlText: string, binds?: Binds): Promise<Array<Record<string, unknown>>> {
    return new Promise((resolve, reject) => {
      this.connection.execute({
        sqlText,
        binds,
        fetchAsString: ['Number'],
        complete: (error, _statement, rows) =>
          error ? reject(error) : resolve((rows ?? []) as Array<Record<string, unknown>>),
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.connection.destroy(() => resolve()));
  }
}

const quietLogger = {
  error: (message: string) => process.stderr.write(`flowgen: snowflake-sdk: ${message}\n`),
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};
