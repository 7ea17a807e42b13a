/**
 * A template variable reaches the data: with a namespace chosen on Pod-to-Pod, the Sankey's query carries
 * a namespace filter and the Sankey receives fewer pod pairs, all among those it received for every
 * namespace. The namespace is chosen through the URL (`var-namespace`, as a shared link or the variable
 * picker sets it), and the time range is pinned a little in the past so both loads read the same flows.
 */
import { expect, test } from '@grafana/plugin-e2e';
import { type Request, type Response } from '@playwright/test';
import { firstPanelOfType, provisionedDashboard } from './provisionedDashboards.ts';

// A namespace of flowgen's demo cluster (tools/flowgen/src/model/cluster.ts) that is not all the traffic.
const namespace = 'bookinfo';

const podToPod = provisionedDashboard('flowlens-pod-to-pod');
const sankey = firstPanelOfType(podToPod, 'flowlens-sankey-panel');

interface SentQuery {
  refId: string;
  flows?: Record<string, unknown> & { filters?: Array<{ key: string; operator: string; value: string | string[] }> };
}

interface QueryResponseBody {
  results?: Record<
    string,
    { frames?: Array<{ schema: { fields: Array<{ name: string }> }; data?: { values: unknown[][] } }> }
  >;
}

/** The Sankey's query in a /api/ds/query request, recognised by the builder query the dashboard saved. */
function sankeyQueryIn(request: Request): SentQuery | undefined {
  const saved = sankey.targets[0]?.flows ?? {};
  const body = request.postDataJSON() as { queries?: SentQuery[] } | null;
  return body?.queries?.find(({ flows }) =>
    ['view', 'metric', 'groupBy', 'topN'].every((key) => JSON.stringify(flows?.[key]) === JSON.stringify(saved[key]))
  );
}

/** The namespaces the query is limited to, or undefined for all of them. */
function namespacesOf(query: SentQuery): string[] | undefined {
  const filter = query.flows?.filters?.find(({ key, operator }) => key === 'namespace' && operator === 'in');
  return filter && [filter.value].flat();
}

function isSankeyResponse(response: Response, namespaces: string[] | undefined): boolean {
  const query = sankeyQueryIn(response.request());
  return query !== undefined && namespacesOf(query)?.join() === namespaces?.join();
}

/** "source → target" for every row the Sankey's query returned. */
async function podPairs(response: Response): Promise<string[]> {
  const refId = sankey.targets[0]?.refId ?? 'A';
  const body = (await response.json()) as QueryResponseBody;
  return (body.results?.[refId]?.frames ?? []).flatMap((frame) => {
    const names = frame.schema.fields.map((field) => field.name);
    const values = frame.data?.values ?? [];
    const column = (option: string) => values[names.indexOf(String(sankey.options[option]))] ?? [];
    const targets = column('targetField');
    return column('sourceField').map((source, row) => `${source} → ${targets[row]}`);
  });
}

test(`choosing namespace ${namespace} on ${podToPod.title} narrows the data its Sankey receives`, async ({
  gotoDashboardPage,
}) => {
  const to = Date.now() - 2 * 60_000;
  const range = { from: String(to - 30 * 60_000), to: String(to) };

  // gotoDashboardPage's timeRange would replace its queryParams, so the range goes in as parameters.
  const dashboardPage = await gotoDashboardPage({ uid: podToPod.uid, queryParams: new URLSearchParams(range) });
  const allPairs = await test.step('all namespaces (the default): the query has no namespace filter', async () => {
    // A refresh guarantees a Sankey response after this wait starts, however fast the first load was.
    const response = dashboardPage.waitForQueryDataResponse((candidate) => isSankeyResponse(candidate, undefined));
    await dashboardPage.refreshDashboard();
    return podPairs(await response);
  });

  const namespacePairs = await test.step(`var-namespace=${namespace}: the query filters on it`, async () => {
    // Listening on the page before it navigates, so the new dashboard's first Sankey query is caught.
    const response = dashboardPage.waitForQueryDataResponse((candidate) => isSankeyResponse(candidate, [namespace]));
    const filteredPage = await gotoDashboardPage({
      uid: podToPod.uid,
      queryParams: new URLSearchParams({ ...range, 'var-namespace': namespace }),
    });
    const pairs = await podPairs(await response);
    await expect(
      filteredPage.getPanelByTitle(sankey.title).locator.getByRole('group', { name: /^Sankey of / })
    ).toBeVisible();
    return pairs;
  });

  expect(allPairs.length).toBeGreaterThan(0);
  expect(namespacePairs.length).toBeGreaterThan(0);
  expect(namespacePairs.length).toBeLessThan(allPairs.length);
  expect(allPairs).toEqual(expect.arrayContaining(namespacePairs));
});
