import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { policyPanelFrames, policyPanelFramesFile } from './support/policyPanelFrames.ts';

// The policy review panel's unit tests read this answer from a file: it must stay the backend's answer.
it("the policy panel's test frames are what the backend answers for flowgen's hour", async () => {
  const committed = JSON.parse(readFileSync(policyPanelFramesFile, 'utf8')) as unknown;
  expect(committed, 'regenerate with: npx tsx plugins/policy-panel/src/test/writeBackendFrames.ts').toEqual(
    JSON.parse(JSON.stringify(await policyPanelFrames()))
  );
});
