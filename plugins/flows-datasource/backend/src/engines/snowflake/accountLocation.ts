import { EngineError } from '../engineError.ts';

/** Where the driver connects: an account identifier it turns into a host, or a full URL. */
export interface AccountLocation {
  account: string;
  /** Set for account URLs (PrivateLink, custom ports, a local emulator); the driver builds it otherwise. */
  accessUrl?: string;
  /** For messages: the URL the user will recognise. Never holds credentials. */
  display: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The datasource's `account` field, as users write it: the identifier (`myorg-myaccount`, or a legacy
 * locator with region, `xy12345.eu-central-1`), the account host (`myorg-myaccount.snowflakecomputing.com`,
 * PrivateLink hosts too) or the account URL. Plain http is accepted only on loopback, for a local
 * emulator: credentials never travel unencrypted over a network.
 */
export function accountLocation(account: string): AccountLocation {
  const text = account.trim();
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid(`"${text}" is not a URL; give the account identifier (myorg-myaccount) or its https:// URL`);
    }
    if (url.username || url.password) {
      throw invalid('put the Snowflake user and password in their own fields, not in the account URL');
    }
    if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
      throw invalid(`"${text}" uses http://; Snowflake accounts are reached over https://`);
    }
    const origin = `${url.protocol}//${url.host}`;
    return { account: url.hostname.split('.')[0]!, accessUrl: origin, display: origin };
  }
  if (/\.snowflakecomputing\.(com|cn)$/i.test(text)) {
    return { account: text.split('.')[0]!, accessUrl: `https://${text}`, display: `https://${text}` };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text)) {
    throw invalid(
      `"${text}" is not an account identifier; use the form myorg-myaccount (see Admin » Accounts in Snowsight) or the account URL`
    );
  }
  // Account names may hold underscores; the host name takes them as dashes.
  return { account: text, display: `https://${text.replace(/_/g, '-')}.snowflakecomputing.com` };
}

function invalid(message: string): EngineError {
  return new EngineError('configuration', `datasource settings: Snowflake account ${message}`);
}
