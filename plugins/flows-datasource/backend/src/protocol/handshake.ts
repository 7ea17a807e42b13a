import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The magic cookie Grafana's plugin loader sets for datasource plugins (grafana-plugin-sdk-go). */
const magicCookieKey = 'grafana_plugin_type';
const magicCookieValue = 'datasource';
/** go-plugin's core protocol and Grafana's plugin protocol (v2). */
const coreProtocolVersion = 1;
const appProtocolVersion = 2;

export type HandshakeCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether Grafana (through go-plugin) launched us. Started by hand, the plugin explains itself and
 * exits instead of waiting for a client that never comes.
 */
export function checkLaunchedByGrafana(env: NodeJS.ProcessEnv): HandshakeCheck {
  if (env[magicCookieKey] !== magicCookieValue) {
    return {
      ok: false,
      message:
        'This is the backend of the FlowLens Flows datasource (flowlens-flows-datasource), a Grafana plugin.\n' +
        'Grafana starts it; it cannot run on its own. Install the plugin into Grafana\'s plugins folder and add a "FlowLens Flows" datasource.',
    };
  }
  const offered = env.PLUGIN_PROTOCOL_VERSIONS?.split(',').map((version) => Number(version.trim()));
  if (offered && offered.length > 0 && !offered.includes(appProtocolVersion)) {
    return {
      ok: false,
      message: `Grafana offers plugin protocol versions ${env.PLUGIN_PROTOCOL_VERSIONS}; this plugin speaks version ${appProtocolVersion}. Use a Grafana release from the plugin's grafanaDependency range.`,
    };
  }
  if (env.PLUGIN_CLIENT_CERT) {
    return {
      ok: false,
      message:
        'the host asked for automatic mTLS (PLUGIN_CLIENT_CERT), which this plugin does not support; Grafana does not use it.',
    };
  }
  return { ok: true };
}

export interface Listener {
  /** Address for @grpc/grpc-js's bindAsync. */
  grpcAddress: string;
  /** The line go-plugin's client reads from our stdout. */
  handshakeLine: string;
  cleanup(): void;
}

/**
 * A unix socket in a new folder of PLUGIN_UNIX_SOCKET_DIR (or the temp dir), as go-plugin servers
 * use on Linux. mkdtemp names the folder uniquely without node:crypto, which would add to every start.
 */
export function unixListener(env: NodeJS.ProcessEnv): Listener {
  const folder = mkdtempSync(join(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), 'plugin'));
  const path = join(folder, 'plugin.sock');
  const multiplexField = env.PLUGIN_MULTIPLEX_GRPC ? '|false' : '';
  return {
    grpcAddress: `unix:${path}`,
    handshakeLine: `${coreProtocolVersion}|${appProtocolVersion}|unix|${path}|grpc|${multiplexField}\n`,
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}
