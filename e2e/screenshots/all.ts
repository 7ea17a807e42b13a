/**
 * `npm run screenshots`: every image the READMEs show, from the built plugins (run `npm run build`
 * first): the plugin READMEs' and plugin.json's (synthetic traffic chosen to show each feature) and
 * the root README's (the dashboards' panels on our backend's answer for flowgen's demo hour).
 */
import { renderChordScreenshots } from './chord.ts';
import { renderDashboardScreenshots } from './dashboards.ts';
import { renderPolicyScreenshots } from './policy.ts';
import { renderSankeyScreenshots } from './sankey.ts';

for (const render of [
  renderSankeyScreenshots,
  renderChordScreenshots,
  renderPolicyScreenshots,
  renderDashboardScreenshots,
]) {
  for (const file of await render()) {
    console.log(`wrote ${file}`);
  }
}
