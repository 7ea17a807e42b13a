import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModernClickHouse } from './support/engines.ts';
import {
  launchPlugin,
  pluginExecutable,
  queryDataRequest,
  responsesOf,
  type PluginProcess,
} from './support/pluginProcess.ts';

// The arm64 executable, run on this amd64 machine by qemu's user-mode emulator with Debian's arm64
// C libraries: slow, but the same bytes a Grafana on arm64 would start.
const arm64Executable = pluginExecutable.replace(/_amd64$/, '_arm64');
const arm64Libraries = '/usr/aarch64-linux-gnu';

describe('the linux_arm64 executable (under qemu-aarch64)', () => {
  let clickhouse: Awaited<ReturnType<typeof startModernClickHouse>>;
  let plugin: PluginProcess;

  beforeAll(async () => {
    for (const needed of ['/usr/bin/qemu-aarch64', join(arm64Libraries, 'lib/ld-linux-aarch64.so.1')]) {
      if (!existsSync(needed))
        throw new Error(
          `${needed} is missing: bash .ci/install-system-parts.sh installs qemu-user and the arm64 C libraries`
        );
    }
    clickhouse = await startModernClickHouse();
    plugin = await launchPlugin({}, { executable: arm64Executable, runner: ['qemu-aarch64', '-L', arm64Libraries] });
  }, 300_000);
  afterAll(async () => {
    await plugin?.stop();
    await clickhouse?.close();
  });

  it('is an AArch64 program that completes the handshake and answers a query', async () => {
    expect(plugin.handshake).toMatch(/^1\|2\|unix\|\/.+\|grpc\|$/);
    const response = responsesOf(
      await plugin.call(
        'Data',
        'QueryData',
        queryDataRequest({ url: clickhouse.url }, [
          { refId: 'A', rawSql: 'SELECT number AS n FROM system.numbers LIMIT 5' },
        ])
      )
    );
    expect(response.A!.error).toBe('');
    expect([...tableFromIPC(response.A!.frames[0]!).getChild('n')!]).toEqual([0n, 1n, 2n, 3n, 4n]);
  }, 300_000);
});
