/**
 * Playwright global setup: asks the backend for every dashboard panel's frames once per test run (a
 * few seconds: flowgen's hour into chDB, the plugin executable, one QueryData per panel) and leaves
 * them in a file the specs read through backendPanels.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendPanelsFileVariable } from './backendPanels.ts';

export default function globalSetup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-e2e-backend-'));
  const file = join(dir, 'backend-panels.json');
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'writeBackendPanels.ts'), file], {
    stdio: 'inherit',
  });
  // Workers inherit the runner's environment, so this is how they find the file.
  process.env[backendPanelsFileVariable] = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
