/** How to reach and sign in to one Snowflake account: the datasource settings of a Snowflake engine. */
export interface SnowflakeConnectionSettings {
  account: string;
  username: string;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  authType: 'password' | 'keypair' | 'oauth';
  password?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  oauthToken?: string;
}
