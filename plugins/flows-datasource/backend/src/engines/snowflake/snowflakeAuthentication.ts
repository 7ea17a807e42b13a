import { createPrivateKey } from 'node:crypto';
import type { SnowflakeConnectionSettings } from './snowflakeConnection.ts';
import { EngineError } from '../engineError.ts';

/** The driver's authentication options for one of the three ways FlowLens logs in. */
export interface AuthenticationOptions {
  authenticator: 'SNOWFLAKE' | 'SNOWFLAKE_JWT' | 'OAUTH';
  password?: string;
  privateKey?: string;
  privateKeyPass?: string;
  token?: string;
}

/**
 * Checks the secrets for the chosen authType before any network call, so a missing passphrase or a
 * key pasted in the wrong format is reported as such, not as "authentication failed".
 */
export function authenticationOptions(settings: SnowflakeConnectionSettings): AuthenticationOptions {
  switch (settings.authType) {
    case 'password':
      if (!settings.password) {
        throw invalid('authType "password" needs the password (secure field "password")');
      }
      return { authenticator: 'SNOWFLAKE', password: settings.password };
    case 'keypair':
      return keyPair(settings.privateKey, settings.privateKeyPassphrase);
    case 'oauth':
      if (!settings.oauthToken) {
        throw invalid('authType "oauth" needs an OAuth access token (secure field "oauthToken")');
      }
      return { authenticator: 'OAUTH', token: settings.oauthToken.trim() };
  }
}

function keyPair(privateKey: string | undefined, passphrase: string | undefined): AuthenticationOptions {
  if (!privateKey) {
    throw invalid('authType "keypair" needs the private key (secure field "privateKey", a PKCS#8 PEM)');
  }
  // Keys pasted through environment variables or YAML often arrive with literal "\n" for line breaks.
  const pem = privateKey.includes('\\n') && !privateKey.includes('\n') ? privateKey.replace(/\\n/g, '\n') : privateKey;
  const encrypted = pem.includes('BEGIN ENCRYPTED PRIVATE KEY');
  if (!encrypted && !pem.includes('BEGIN PRIVATE KEY')) {
    throw invalid(
      'the private key must be a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN ENCRYPTED PRIVATE KEY-----"); ' +
        'convert an RSA key with: openssl pkcs8 -topk8 -in rsa_key.pem -out rsa_key.p8'
    );
  }
  if (encrypted && !passphrase) {
    throw invalid('the private key is encrypted: set its passphrase (secure field "privateKeyPassphrase")');
  }
  try {
    createPrivateKey({ key: pem, format: 'pem', passphrase: encrypted ? passphrase : undefined });
  } catch {
    throw invalid(
      encrypted
        ? 'the private key could not be decrypted with the passphrase given; check privateKeyPassphrase'
        : 'the private key could not be read; paste the whole PEM, including its BEGIN and END lines'
    );
  }
  return {
    authenticator: 'SNOWFLAKE_JWT',
    privateKey: pem,
    privateKeyPass: encrypted ? passphrase : undefined,
  };
}

function invalid(message: string): EngineError {
  return new EngineError('configuration', `datasource settings: ${message}`);
}
