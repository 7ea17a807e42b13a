/**
 * `npx tsx plugins/policy-panel/src/test/writeBackendFrames.ts`: asks the backend for policy
 * recommendations on flowgen's hour in chDB and writes them to backendFrames.json, which the panel's
 * unit tests read (a backend test fails when the file no longer matches the backend's answer).
 */
import { writeFileSync } from 'node:fs';
import {
  policyPanelFrames,
  policyPanelFramesFile,
} from '../../../flows-datasource/backend/test/recommend/support/policyPanelFrames.ts';

// No top-level await: this package is CommonJS to tsx.
void policyPanelFrames().then((frames) => {
  writeFileSync(policyPanelFramesFile, `${JSON.stringify(frames)}\n`);
  console.log(`wrote ${policyPanelFramesFile}`);
});
