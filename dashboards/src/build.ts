// npm run dashboards: writes dashboards/<name>.json from the TypeScript in dashboards/src.
// The JSON files are what Grafana provisions and users import; a test checks they match this source.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboards } from './index.ts';

export function dashboardJson(dashboard: unknown): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

for (const [name, dashboard] of Object.entries(dashboards)) {
  const path = join(import.meta.dirname, '..', `${name}.json`);
  writeFileSync(path, dashboardJson(dashboard));
  console.log(`wrote ${path}`);
}
