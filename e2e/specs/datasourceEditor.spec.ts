/**
 * The datasource's query editor on each host's Grafana (both projects: the current packages and the
 * oldest Grafana plugin.json declares): its built module.js loads through Grafana's AMD loader, and the
 * builder's pickers, @grafana/ui Selects of that Grafana, open, take a choice, a typed value and a
 * removal, and change the query. The host has no backend, so the editor's resource calls (compiled SQL,
 * value suggestions) fail and it says so; the pickers work without them.
 */
import type { Page } from '@playwright/test';
import type * as ReactModule from 'react';
import type * as ReactDomClient from 'react-dom/client';
import { expect, test } from '../fixtures.ts';

const pluginId = 'flowlens-flows-datasource';

/** What the editor starts from: a builder query as a dashboard saves it. */
const builderQuery = {
  refId: 'A',
  queryType: 'flows',
  format: 'table',
  flows: { version: 1, view: 'pod-to-pod', metric: 'bytes', groupBy: ['sourcePod'], filters: [] },
};

/**
 * Mounts the plugin's QueryEditor as Grafana's query row does, with the host's React, holding the
 * query it is given back and keeping every change in `window.queryChanges`.
 */
async function mountQueryEditor(page: Page) {
  await page.evaluate(
    async ({ pluginId, query }) => {
      const host = window.flowlensHost;
      const React = host.sharedModule('react') as typeof ReactModule;
      const { createRoot } = host.sharedModule('react-dom/client') as typeof ReactDomClient;
      const url = new URL(`/public/plugins/${pluginId}/module.js`, location.href).href;
      // The loader keeps the module host.loadPlugin imported: this is the same plugin object.
      const system = (window as unknown as { System: { import(url: string): Promise<Record<string, unknown>> } })
        .System;
      const plugin = (await system.import(url)).plugin as {
        DataSourceClass: new (settings: unknown) => unknown;
        components: { QueryEditor: ReactModule.ComponentType<Record<string, unknown>> };
      };
      const datasource = new plugin.DataSourceClass({
        id: 1,
        uid: 'flowlens',
        type: pluginId,
        name: 'FlowLens',
        access: 'proxy',
        readOnly: false,
        jsonData: { engine: 'clickhouse' },
        meta: { id: pluginId, name: 'FlowLens Flows', type: 'datasource', info: {}, module: '', baseUrl: '' },
      });
      const changes: unknown[] = [];
      (window as unknown as { queryChanges: unknown[] }).queryChanges = changes;
      function QueryRow() {
        const [current, setCurrent] = React.useState<unknown>(query);
        return React.createElement(plugin.components.QueryEditor, {
          query: current,
          datasource,
          onChange: (next: unknown) => {
            changes.push(next);
            setCurrent(next);
          },
          onRunQuery: () => {},
        });
      }
      const element = document.createElement('div');
      element.id = 'query-editor';
      document.body.append(element);
      createRoot(element).render(React.createElement(QueryRow));
    },
    { pluginId, query: builderQuery }
  );
}

function lastQuery(page: Page) {
  return page.evaluate(() => {
    const changes = (window as unknown as { queryChanges: Array<{ flows?: Record<string, unknown> }> }).queryChanges;
    return changes[changes.length - 1];
  });
}

test("the builder's pickers change the query", async ({ panelHost }) => {
  const { page } = panelHost;
  // Select's loading indicator asks for Grafana's spinner icon, which Grafana serves but @grafana/ui 11.0
  // does not ship, so the 11.0.0 host has no such file. The failed resource calls log nothing.
  panelHost.allowErrors(/icons\/unicons\/spinner\.svg/);
  expect(await panelHost.loadPlugin(pluginId)).toMatchObject({ kind: 'datasource' });
  await mountQueryEditor(page);
  const editor = page.locator('#query-editor');

  // A single choice: the metric.
  await editor.getByLabel('Metric', { exact: true }).click();
  await page
    .getByRole('option')
    .filter({ hasText: /^Throughput/ })
    .first()
    .click();
  expect((await lastQuery(page))?.flows).toMatchObject({ metric: 'throughput', view: 'pod-to-pod' });
  await expect(editor).toContainText('Throughput');
  await expect(editor).toContainText('could not compile the query');

  // Several choices in a row: the menu stays open between picks.
  await editor.getByLabel('Group by', { exact: true }).click();
  await page
    .getByRole('option')
    .filter({ hasText: /^Destination pod/ })
    .first()
    .click();
  await page
    .getByRole('option')
    .filter({ hasText: /^Source namespace/ })
    .first()
    .click();
  expect((await lastQuery(page))?.flows?.groupBy).toEqual(['sourcePod', 'destinationPod', 'sourceNamespace']);
  await page.keyboard.press('Escape');

  // A filter with a typed value no suggestion holds (there are none without a backend).
  await editor.getByRole('button', { name: 'Add filter' }).click();
  await editor.getByLabel('Filter 1 field', { exact: true }).click();
  await page
    .getByRole('option')
    .filter({ hasText: /^Source namespace/ })
    .first()
    .click();
  await editor.getByLabel('Filter 1 value', { exact: true }).click();
  await page.keyboard.type('shop');
  await page.getByRole('option').filter({ hasText: /^shop/ }).first().click();
  expect((await lastQuery(page))?.flows?.filters).toEqual([{ key: 'sourceNamespace', operator: '=', value: 'shop' }]);

  // A pill's Remove button takes that field out, and only that one.
  await editor
    .getByText('Destination pod', { exact: true })
    .locator('xpath=..')
    .getByRole('button', { name: 'Remove' })
    .click();
  expect((await lastQuery(page))?.flows?.groupBy).toEqual(['sourcePod', 'sourceNamespace']);
});
