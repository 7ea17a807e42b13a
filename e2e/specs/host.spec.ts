/**
 * Tests of the panel host itself: that it loads built plugins as Grafana does, hands panels real
 * PanelProps, records what panels do, and fails tests on errors. The probe panel
 * (host/probe-plugins/probe-panel) shows what it received and offers buttons for each callback.
 */
import { expect, type FrameJSON, launchPanelHost, type PanelSpec, test } from '../fixtures.ts';

const probe = 'flowlens-hostprobe-panel';

const flows: PanelSpec['frames'] = [
  {
    name: 'flows',
    fields: [
      { name: 'sourcePodName', type: 'string', values: ['web-1', 'api-0'] },
      { name: 'destinationPodName', type: 'string', values: ['db-0', 'db-0'] },
      {
        name: 'octetDeltaCount',
        type: 'number',
        values: [1536, 20],
        config: {
          unit: 'bytes',
          links: [
            {
              title: 'Pod in $namespace',
              url: '/d/flowlens-pod-to-pod?var-pod=${__data.fields.sourcePodName}&bytes=${__value.raw}&by=${__field.name}&in=${__series.name}&${__url_time_range}',
            },
          ],
        },
      },
    ],
  },
];

/** The same frame as the backend sends it: DataFrameJSON with a schema and column values. */
const flowsAsJSON: PanelSpec['frames'] = [
  {
    schema: {
      name: 'flows',
      fields: [
        { name: 'sourcePodName', type: 'string' },
        { name: 'octetDeltaCount', type: 'number', config: { unit: 'bytes' } },
      ],
    },
    data: { values: [['web-1'], [2048]] },
  },
];

/** What the probe panel's define() received, kept on window for this comparison. */
interface ProbeModules {
  React: { version: string; useState: unknown };
  grafanaData: { ThemeContext: unknown; PanelPlugin: unknown };
}

function luminance(cssColor: string): number {
  const [r = 0, g = 0, b = 0] = (cssColor.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test.describe('loading built plugins as Grafana does', () => {
  for (const pluginId of ['flowlens-sankey-panel', 'flowlens-chord-panel', 'flowlens-policy-panel']) {
    test(`${pluginId} renders from its dist/module.js`, async ({ panelHost }) => {
      expect(await panelHost.loadPlugin(pluginId)).toMatchObject({ kind: 'panel', exportNames: ['plugin'] });
      const result = await panelHost.render({ pluginId, frames: flows, width: 640, height: 360 });

      expect(result.panelError).toBeUndefined();
      expect(result.renderCounter).toBe(1);
      const content = panelHost.panel().getByTestId('panel-content');
      expect(await content.boundingBox()).toMatchObject({ width: 640, height: 360 });
      // The plugin's own element is there, whatever the panel draws.
      await expect(content.locator(':scope > *')).not.toHaveCount(0);
      await expect(panelHost.panel().getByTestId('panel-plugin-error')).toHaveCount(0);
    });
  }

  test('the datasource module loads and exports a DataSourcePlugin', async ({ panelHost }) => {
    expect(await panelHost.loadPlugin('flowlens-flows-datasource')).toEqual({
      pluginId: 'flowlens-flows-datasource',
      kind: 'datasource',
      exportNames: ['plugin'],
    });
  });

  test('a plugin that is not there fails to render with a clear error', async ({ panelHost }) => {
    panelHost.allowErrors(/404|flowlens-missing-panel/);
    await expect(panelHost.render({ pluginId: 'flowlens-missing-panel' })).rejects.toThrow(
      /Could not load plugin flowlens-missing-panel from .*\/public\/plugins\/flowlens-missing-panel\/module\.js/
    );
  });
});

test.describe('what a panel receives', () => {
  test('PanelProps from the spec, with plugin defaults, field display and variables', async ({ panelHost }) => {
    await panelHost.render({
      pluginId: probe,
      frames: flows,
      options: { extra: 1 },
      width: 500,
      height: 300,
      variables: { namespace: 'prod' },
    });
    const panel = panelHost.panel();
    await expect(panel.getByTestId('probe-size')).toHaveText('500x300');
    // `label` is the probe's option default; `extra` is the spec's.
    await expect(panel.getByTestId('probe-options')).toHaveText('{"label":"probe","extra":1}');
    // applyFieldOverrides gave the field display() with its unit.
    await expect(panel.getByTestId('probe-value')).toHaveText('1.50 KiB');
    await expect(panel.getByTestId('probe-variable')).toHaveText('prod');
    await expect(panel.getByTestId('probe-link')).toHaveText('Pod in prod');
    await expect(panel.getByTestId('probe-link')).toHaveAttribute(
      'href',
      '/d/flowlens-pod-to-pod?var-pod=web-1&bytes=1536&by=octetDeltaCount&in=flows&from=now-6h&to=now'
    );
  });

  test('field config as a saved dashboard has it: overrides, null threshold base, unknown properties', async ({
    panelHost,
  }) => {
    await panelHost.render({
      pluginId: probe,
      frames: flows,
      fieldConfig: {
        defaults: {
          thresholds: {
            mode: 'absolute',
            steps: [
              { value: null, color: 'green' },
              { value: 1000, color: 'red' },
            ],
          },
          custom: { notAnOption: 1 },
        },
        overrides: [
          {
            matcher: { id: 'byName', options: 'octetDeltaCount' },
            properties: [
              { id: 'unit', value: 'decbytes' },
              { id: 'notAnOption', value: 1 },
            ],
          },
        ],
      },
    });
    await expect(panelHost.panel().getByTestId('probe-value')).toHaveText('1.54 kB');
    // No saved colour mode: a new panel gets the one its plugin prefers (thresholds for standard options);
    // the probe declares no custom options, so the saved one is dropped.
    await expect(panelHost.panel().getByTestId('probe-field-config')).toHaveText(
      'unit=decbytes color=thresholds base=-Infinity custom={}'
    );
    await expect(panelHost.panel().getByTestId('probe-state')).toHaveText('Done');
  });

  test('a backend query response, a failed query included', async ({ panelHost }) => {
    await panelHost.render({
      pluginId: probe,
      queryResponse: {
        results: {
          A: { status: 200, frames: flowsAsJSON as FrameJSON[] },
          B: { status: 500, error: 'table flows does not exist' },
        },
      },
    });
    await expect(panelHost.panel().getByTestId('probe-value')).toHaveText('2 KiB');
    await expect(panelHost.panel().getByTestId('probe-state')).toHaveText('Error: table flows does not exist');
  });

  test('@grafana/ui icons load from the public folder and portals land in the portal container', async ({
    panelHost,
  }) => {
    await panelHost.render({ pluginId: probe, frames: flows });
    await expect(panelHost.page.locator('#grafana-portal-container').getByTestId('probe-portal')).toHaveText(
      'in the portal'
    );
    // The icon's SVG is fetched (a 404 would fail the test) and inlined.
    await expect(panelHost.panel().locator('svg[data-testid="probe-icon"] path')).not.toHaveCount(0);
  });

  test('frames in Grafana DataFrameJSON form', async ({ panelHost }) => {
    await panelHost.render({ pluginId: probe, frames: flowsAsJSON });
    await expect(panelHost.panel().getByTestId('probe-value')).toHaveText('2 KiB');
  });

  test('an absolute time range reaches data links as epoch milliseconds', async ({ panelHost }) => {
    await panelHost.render({
      pluginId: probe,
      frames: flows,
      timeRange: { from: '2025-01-01T00:00:00Z', to: 1735693200000 },
    });
    await expect(panelHost.panel().getByTestId('probe-link')).toHaveAttribute(
      'href',
      /&from=1735689600000&to=1735693200000$/
    );
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the ${theme} theme reaches the panel and the page`, async ({ panelHost }) => {
      await panelHost.render({ pluginId: probe, frames: flows, theme });
      // Read through @grafana/ui's useTheme2, i.e. the ThemeContext of the host's @grafana/data.
      await expect(panelHost.panel().getByTestId('probe-theme')).toHaveText(theme === 'light' ? 'Light' : 'Dark');
      const page = await panelHost.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const panel = await panelHost.panel().evaluate((element) => getComputedStyle(element).backgroundColor);
      for (const color of [page, panel]) {
        expect(luminance(color) > 0.5, `${color} should be ${theme}`).toBe(theme === 'light');
      }
    });
  }
});

test('replaceVariables interpolates as Grafana does', async ({ panelHost }) => {
  await panelHost.render({
    pluginId: probe,
    variables: { namespace: 'prod', pods: ['web-1', 'db 0'] },
    timeRange: { from: 1735689600000, to: 1735693200000 },
  });
  // [text, format given by the caller, expected]
  const cases: Array<[string, string | undefined, string]> = [
    ['$namespace', undefined, 'prod'],
    ['${namespace}/[[namespace]]', undefined, 'prod/prod'],
    ['${pods}', undefined, '{web-1,db 0}'],
    ['${pods:csv}', undefined, 'web-1,db 0'],
    ['${pods:pipe}', undefined, 'web-1|db 0'],
    ['${pods:json}', undefined, '["web-1","db 0"]'],
    ['${pods:sqlstring}', undefined, "'web-1','db 0'"],
    ['${pods:queryparam}', undefined, 'var-pods=web-1&var-pods=db%200'],
    ['${pods:percentencode}', undefined, '%7Bweb-1%2Cdb%200%7D'],
    ['/d/x/$pods', 'uriencode', '/d/x/%7Bweb-1,db%200%7D'],
    ['$notAVariable', undefined, '$notAVariable'],
    ['${__from}-${__to}', undefined, '1735689600000-1735693200000'],
    ['${__url_time_range}', undefined, 'from=1735689600000&to=1735693200000'],
    ['${__all_variables}', undefined, 'var-namespace=prod&var-pods=web-1&var-pods=db%200'],
  ];
  const results = await panelHost.page.evaluate(
    (texts) =>
      texts.map(([text, format]) =>
        (
          window as unknown as { flowlensProbe: { replaceVariables: (t: string, s?: object, f?: string) => string } }
        ).flowlensProbe.replaceVariables(text, undefined, format)
      ),
    cases.map(([text, format]) => [text, format] as const)
  );
  expect(results).toEqual(cases.map(([, , expected]) => expected));
});

test.describe('what the host records', () => {
  test('links, locationService, time range and options changes', async ({ panelHost }) => {
    await panelHost.render({ pluginId: probe, frames: flows, variables: { namespace: 'prod' } });
    const panel = panelHost.panel();
    await panel.getByTestId('probe-link').click();
    await panel.getByRole('button', { name: 'push location' }).click();
    await panel.getByRole('button', { name: 'zoom' }).click();
    await panel.getByRole('button', { name: 'change options' }).click();

    // Grafana saves the new options and renders again.
    await expect(panel.getByTestId('probe-options')).toHaveText('{"label":"changed"}');
    await expect(panel.getByTestId('probe-render-counter')).toHaveText('2');
    expect(await panelHost.events()).toEqual([
      {
        type: 'navigation',
        via: 'link',
        url: '/d/flowlens-pod-to-pod?var-pod=web-1&bytes=1536&by=octetDeltaCount&in=flows&from=now-6h&to=now',
        slot: 'main',
      },
      { type: 'navigation', via: 'locationService', url: '/d/probe?push=0', action: 'PUSH' },
      { type: 'timeRangeChange', slot: 'main', from: 1000, to: 2000 },
      { type: 'optionsChange', slot: 'main', options: { label: 'changed' } },
    ]);
    expect(panelHost.page.url()).toMatch(/\/d\/probe\?push=0$/);
  });

  test('a panel that throws is caught, shown as Grafana does, and reported', async ({ panelHost }) => {
    panelHost.allowErrors(/probe exploded/);
    const result = await panelHost.render({ pluginId: probe, options: { throwMessage: 'probe exploded' } });

    expect(result.panelError).toBe('probe exploded');
    await expect(panelHost.panel().getByTestId('panel-plugin-error')).toHaveText('Panel plugin error: probe exploded');
    expect(await panelHost.events()).toContainEqual(
      expect.objectContaining({ type: 'panelError', slot: 'main', renderCounter: 1, message: 'probe exploded' })
    );
    // The next render gets a new chance.
    const next = await panelHost.render({ pluginId: probe });
    expect(next.panelError).toBeUndefined();
    await expect(panelHost.panel().getByTestId('probe')).toBeVisible();
  });
});

test.describe('errors fail the test', () => {
  // Each of these tests must fail: the fixture's check after the test is what fails it.
  test('a console error', async ({ panelHost }) => {
    test.fail();
    await panelHost.page.evaluate(() => console.error('deliberate console error'));
  });

  test('an uncaught page error', async ({ panelHost }) => {
    test.fail();
    await panelHost.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('deliberate page error');
      });
    });
    await panelHost.page.waitForTimeout(100);
  });

  test('a panel error the test did not allow, after rendering went well', async ({ panelHost }) => {
    test.fail();
    await panelHost.render({ pluginId: probe });
    await panelHost.panel().getByRole('button', { name: 'break' }).click();
    await expect(panelHost.panel().getByTestId('panel-plugin-error')).toBeVisible();
  });

  test('the page navigating away from the host', async ({ panelHost }) => {
    test.fail();
    await panelHost.page.evaluate(() => location.assign('/?elsewhere'));
    await panelHost.page.waitForURL(/elsewhere/);
  });

  test('launchPanelHost reports the same problems to a benchmark', async () => {
    const host = await launchPanelHost();
    try {
      await expect(host.render({ pluginId: probe, options: { throwMessage: 'bench panel error' } })).rejects.toThrow(
        'Panel flowlens-hostprobe-panel threw while rendering: bench panel error'
      );
      await host.page.evaluate(() => console.error('bench console error'));
      const problems = await host.problems();
      expect(problems).toContainEqual({ kind: 'panelError', message: 'Panel in slot "main" threw: bench panel error' });
      expect(problems).toContainEqual(
        expect.objectContaining({ kind: 'console', message: expect.stringContaining('bench console error') })
      );
      await expect(host.assertNoProblems()).rejects.toThrow(/problem\(s\)/);
    } finally {
      await host.close();
    }
  });
});

test.describe('one React, one @grafana/data', () => {
  test("a plugin's shared modules are the host's own", async ({ panelHost }) => {
    await panelHost.render({ pluginId: probe, frames: flows });
    const identity = await panelHost.page.evaluate(() => {
      const probeModules = (window as unknown as { flowlensProbe: ProbeModules }).flowlensProbe;
      const hostReact = window.flowlensHost.sharedModule('react') as ProbeModules['React'];
      const hostData = window.flowlensHost.sharedModule('@grafana/data') as ProbeModules['grafanaData'];
      return {
        version: probeModules.React.version,
        sameHooks: probeModules.React.useState === hostReact.useState,
        sameContext: probeModules.grafanaData.ThemeContext === hostData.ThemeContext,
        samePanelPlugin: probeModules.grafanaData.PanelPlugin === hostData.PanelPlugin,
      };
    });
    expect(identity).toEqual({ version: '18.3.1', sameHooks: true, sameContext: true, samePanelPlugin: true });

    // The probe's useState keeps its count across clicks and re-renders: one React, one instance.
    const panel = panelHost.panel();
    await panel.getByRole('button', { name: 'push location' }).click();
    await panelHost.render({ pluginId: probe, frames: flows, width: 600 });
    await panel.getByRole('button', { name: 'push location' }).click();
    const urls = (await panelHost.events()).flatMap((event) => (event.type === 'navigation' ? [event.url] : []));
    expect(urls).toEqual(['/d/probe?push=0', '/d/probe?push=1']);
  });
});

test.describe('re-rendering and timing', () => {
  test('renders again with new props into the same panel, and into a second slot', async ({ panelHost }) => {
    for (let width = 300; width < 350; width += 10) {
      await panelHost.render({ pluginId: probe, frames: flows, width, height: 200 });
    }
    await expect(panelHost.panel().getByTestId('probe-size')).toHaveText('340x200');
    await expect(panelHost.panel().getByTestId('probe-render-counter')).toHaveText('5');

    const second = await panelHost.render({ pluginId: 'flowlens-sankey-panel', frames: flows, slot: 'second' });
    expect(second.renderCounter).toBe(1);
    await expect(panelHost.panel('second')).toBeVisible();
    await expect(panelHost.panel().getByTestId('probe')).toBeVisible();

    await panelHost.unmount('second');
    await expect(panelHost.panel('second')).toHaveCount(0);
    expect(await panelHost.heapUsedBytes()).toBeGreaterThan(1_000_000);
  });

  test('the host keeps the heap flat over 50 re-renders', async ({ panelHost }) => {
    const render = (width: number) => panelHost.render({ pluginId: probe, frames: flows, width });
    for (let i = 0; i < 10; i++) {
      await render(400 + i);
    }
    const before = await panelHost.heapUsedBytes();
    for (let i = 0; i < 50; i++) {
      await render(500 + i);
    }
    expect((await panelHost.heapUsedBytes()) - before).toBeLessThan(1_000_000);
  });

  test('renderMs includes the time React spends rendering the panel', async ({ panelHost }) => {
    const quick = await panelHost.render({ pluginId: probe, frames: flows });
    const slow = await panelHost.render({ pluginId: probe, frames: flows, options: { busyMs: 200 } });
    // The first call loaded module.js over the network; the second found it loaded.
    expect(slow.loadMs).toBeLessThan(quick.loadMs);
    expect(slow.loadMs).toBeLessThan(5);
    expect(slow.renderMs).toBeGreaterThanOrEqual(200);
    expect(slow.renderMs).toBeGreaterThan(slow.prepareMs);
  });
});

test.describe('development React', () => {
  test.use({ panelHostMode: 'development' });

  test('renders the probe and a built panel', async ({ panelHost }) => {
    await panelHost.render({ pluginId: probe, frames: flows });
    await panelHost.render({ pluginId: 'flowlens-sankey-panel', frames: flows, slot: 'sankey' });
    await expect(panelHost.panel().getByTestId('probe')).toBeVisible();
    await expect(panelHost.panel('sankey').getByTestId('panel-content')).toBeVisible();
  });

  test("fails a test on React's warnings", async ({ panelHost }) => {
    test.fail();
    await panelHost.render({ pluginId: probe, options: { keylessList: true } });
  });
});
