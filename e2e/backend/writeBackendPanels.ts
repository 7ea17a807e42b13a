/**
 * `tsx e2e/backend/writeBackendPanels.ts <file>`: queries the backend for every dashboard panel (see
 * dashboardPanelData.ts) and writes the result as JSON. Global setup runs it as a child process: the
 * backend's test helpers are CommonJS TypeScript to Playwright's loader, and chDB's native module is
 * better kept out of the test runner.
 */
import { writeFileSync } from 'node:fs';
import { queryDashboardPanels } from './dashboardPanelData.ts';

const [file] = process.argv.slice(2);
if (!file) {
  throw new Error('usage: tsx e2e/backend/writeBackendPanels.ts <output.json>');
}
const started = Date.now();
const panels = await queryDashboardPanels();
writeFileSync(file, JSON.stringify(panels));
console.log(
  `backend frames for ${panels.panels.length} dashboard panels from ${panels.rows} flowgen records in ${Date.now() - started} ms`
);
