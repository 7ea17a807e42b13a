import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { FieldType, toDataFrame } from '@grafana/data';
import type * as runtime from '@grafana/runtime';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { backendFrames } from './test/backendFrames';
import { networkPolicy, policiesFrame } from './test/policyFrames';
import { panelElement, renderPanel } from './test/renderPanel';

// Stands in for Grafana's view, which the app installs at start: the panel must hand its data to it.
vi.mock('@grafana/runtime', async (original) => ({
  ...(await original<typeof runtime>()),
  PanelDataErrorView: ({ message }: { message?: string }) => (
    <div data-testid="panel-data-error">{message ?? 'No data'}</div>
  ),
}));

afterEach(() => vi.restoreAllMocks());

const yamlShown = (root: HTMLElement = document.body) => within(root).queryByTestId('policy-yaml')?.textContent ?? '';
const namesIn = (yaml: string) =>
  parseAllDocuments(yaml).map((document) => (document.toJSON() as { metadata: { name: string } }).metadata.name);
const summary = (root: HTMLElement = document.body) => within(root).getByRole('status').textContent;
const checkbox = (name: string | RegExp, root: HTMLElement = document.body) =>
  within(root).getByRole('checkbox', { name }) as HTMLInputElement;
const wholeYaml = (recommendation: 'k8s-np' | 'anp-deny-applied') =>
  String(backendFrames(recommendation).find((frame) => frame.name === 'recommendation')!.fields[0]!.values[0]);

const shop = () => [
  networkPolicy('shop', 'api', ['web', 'worker']),
  networkPolicy('shop', 'db', ['api']),
  networkPolicy('web', 'frontend', []),
];

describe('PolicyPanel on the backend’s answer', () => {
  test('lists every policy under its namespace, all selected, the YAML is the whole recommendation', () => {
    renderPanel({ frames: backendFrames('k8s-np') });
    expect(summary()).toBe('12 of 12 policies selected');
    expect(checkbox('bookinfo (6 of 6)').checked).toBe(true);
    expect(checkbox('shop (3 of 3)').checked).toBe(true);
    expect(yamlShown()).toBe(wholeYaml('k8s-np'));
    // What each policy applies to and allows, from the frame's fields.
    expect(
      screen.getByText(/applies to shop: app=shop, tier=api · 5 rules · allows [\d,]+ observed connections/)
    ).toBeVisible();
  });

  test('shows the backend’s notices above the list', () => {
    renderPanel({ frames: backendFrames('k8s-np') });
    const notices = screen.getByRole('list', { name: 'Notices from the recommendation' });
    const sent = backendFrames('k8s-np')[0]!.meta!.notices!.map((notice) => notice.text);
    expect(sent.length).toBeGreaterThan(0);
    expect(
      within(notices)
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    ).toEqual(sent);
  });

  test('deselecting a policy takes it out of the YAML; the group shows a mixed state', () => {
    renderPanel({ frames: backendFrames('k8s-np') });
    fireEvent.click(checkbox('flowlens-api-389e1f'));
    expect(summary()).toBe('11 of 12 policies selected');
    expect(namesIn(yamlShown())).not.toContain('flowlens-api-389e1f');
    expect(namesIn(yamlShown())).toHaveLength(11);
    const group = checkbox('shop (2 of 3)');
    expect(group.checked).toBe(false);
    expect(group.indeterminate).toBe(true);
    // The group's checkbox selects the rest of the namespace back.
    fireEvent.click(group);
    expect(checkbox('shop (3 of 3)').checked).toBe(true);
    fireEvent.click(checkbox('shop (3 of 3)'));
    expect(
      namesIn(yamlShown()).filter((name) => ['flowlens-api-389e1f', 'flowlens-mongodb-48727c'].includes(name))
    ).toEqual([]);
  });

  test('cluster-wide Antrea policies have their own group, last', () => {
    renderPanel({ frames: backendFrames('anp-deny-applied') });
    const groups = screen
      .getAllByRole('checkbox', { name: /\(\d+ of \d+\)$/ })
      .map((box) => box.closest('label')!.textContent);
    expect(groups.at(-1)).toBe('Cluster-wide (13 of 13)');
    expect(yamlShown()).toBe(wholeYaml('anp-deny-applied'));
  });

  test('expanding a policy lists its rules and the observed connections it allows; unticking a rule cuts it', () => {
    renderPanel({ frames: backendFrames('anp-deny-applied') });
    const expand = screen.getAllByRole('button', {
      name: /^Show the rules and observed connections of flowlens-ratings-v1-72880e$/,
    })[0]!;
    fireEvent.click(expand);
    expect(expand).toHaveAttribute('aria-expanded', 'true');
    const rules = screen.getByRole('list', { name: 'Rules of flowlens-ratings-v1-72880e' });
    expect(
      within(rules)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')!.textContent)
    ).toEqual([
      'allow-ingress-1: Allow from bookinfo: app=reviews, version=v2 on TCP 9080',
      'allow-ingress-2: Allow from bookinfo: app=reviews, version=v3 on TCP 9080',
      'allow-egress-1: Allow to kube-system: k8s-app=kube-dns on UDP 53, TCP 53',
    ]);
    const observed = screen.getByRole('list', { name: 'Observed connections flowlens-ratings-v1-72880e allows' });
    expect(within(observed).getAllByRole('listitem')[0]).toHaveTextContent(
      /^bookinfo\/reviews-v\d → bookinfo\/ratings-v1 via bookinfo\/ratings:http 9080\/TCP \(\d+\)$/
    );

    fireEvent.click(within(rules).getByRole('checkbox', { name: /^allow-ingress-2:/ }));
    expect(summary()).toBe('25 of 25 policies selected · 1 rule left out');
    expect(screen.getByText(/2 of 3 rules/)).toBeVisible();
    const ratings = parseAllDocuments(yamlShown())
      .map(
        (document) => document.toJSON() as { kind: string; metadata: { name: string }; spec: { ingress: unknown[] } }
      )
      .find((policy) => policy.kind === 'NetworkPolicy' && policy.metadata.name === 'flowlens-ratings-v1-72880e')!;
    expect(ratings.spec.ingress).toEqual([expect.objectContaining({ name: 'allow-ingress-1' })]);
  });

  test("a deselected policy's rules cannot be picked, and keep their choice for when it comes back", () => {
    renderPanel({ frames: [policiesFrame(shop())] });
    fireEvent.click(screen.getByRole('button', { name: /of flowlens-api$/ }));
    fireEvent.click(checkbox(/^Ingress rule 2:/));
    fireEvent.click(checkbox('flowlens-api'));
    expect(checkbox(/^Ingress rule 1:/).disabled).toBe(true);
    fireEvent.click(checkbox('flowlens-api'));
    expect(checkbox(/^Ingress rule 2:/).checked).toBe(false);
    expect(summary()).toBe('3 of 3 policies selected · 1 rule left out');
  });
});

describe('actions', () => {
  test('select none empties the YAML and disables copy and download; select all brings everything back', () => {
    renderPanel({ frames: [policiesFrame(shop())] });
    fireEvent.click(screen.getByRole('button', { name: 'Select none' }));
    expect(summary()).toBe('0 of 3 policies selected');
    expect(screen.queryByTestId('policy-yaml')).toBeNull();
    expect(screen.getByText('Nothing selected: tick policies to see their YAML here.')).toBeVisible();
    expect(screen.getByRole('button', { name: /Copy YAML/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: /Download/ })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect(namesIn(yamlShown())).toEqual(['flowlens-api', 'flowlens-db', 'flowlens-frontend']);
  });

  test('Copy YAML puts exactly the YAML shown on the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    // What Grafana runs on (https or localhost) and jsdom lacks: a secure context with the Clipboard API.
    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPanel({ frames: [policiesFrame(shop())] });
    fireEvent.click(checkbox('flowlens-db'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Copy YAML/ })));
    expect(writeText).toHaveBeenCalledWith(yamlShown());
    expect(namesIn(String((writeText.mock.calls[0] as unknown[])[0]))).toEqual(['flowlens-api', 'flowlens-frontend']);
  });

  test('Download saves the YAML shown under the file name option, variables interpolated', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:policies';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPanel({
      frames: [policiesFrame(shop())],
      options: { fileName: 'policies-${cluster}' },
      variables: { cluster: 'prod/eu' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Download/ }));
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toBe('policies-prod-eu.yaml');
    expect(link.href).toBe('blob:policies');
    expect(await blobs[0]!.text()).toBe(yamlShown());
    expect(blobs[0]!.type).toBe('application/yaml');
  });

  test('keyboard: Tab reaches the checkboxes and Space toggles them', async () => {
    const user = userEvent.setup();
    renderPanel({ frames: [policiesFrame(shop())] });
    checkbox('flowlens-api').focus();
    await user.keyboard(' ');
    expect(checkbox('flowlens-api').checked).toBe(false);
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(checkbox('flowlens-db'));
    await user.keyboard(' ');
    expect(summary()).toBe('1 of 3 policies selected');
  });
});

describe('selection and new data', () => {
  test('a refresh keeps the choices for policies still recommended; new policies start selected', () => {
    const { rerender } = renderPanel({ frames: [policiesFrame(shop())] });
    fireEvent.click(checkbox('flowlens-db'));
    fireEvent.click(screen.getByRole('button', { name: /of flowlens-api$/ }));
    fireEvent.click(checkbox(/^Ingress rule 1:/));
    const [api, , frontend] = shop();
    rerender(
      panelElement({ frames: [policiesFrame([networkPolicy('shop', 'cache', ['api']), frontend!, api!, shop()[1]!])] })
    );
    expect(checkbox('flowlens-db').checked).toBe(false);
    expect(checkbox('flowlens-cache').checked).toBe(true);
    expect(checkbox(/^Ingress rule 1:/).checked).toBe(false);
    expect(summary()).toBe('3 of 4 policies selected · 1 rule left out');
  });

  test('"Policies start: Not selected" starts empty; changing the option starts over', () => {
    const { rerender } = renderPanel({ frames: [policiesFrame(shop())], options: { initialSelection: 'none' } });
    expect(summary()).toBe('0 of 3 policies selected');
    fireEvent.click(checkbox('flowlens-db'));
    expect(namesIn(yamlShown())).toEqual(['flowlens-db']);
    rerender(panelElement({ frames: [policiesFrame(shop())], options: { initialSelection: 'all' } }));
    expect(summary()).toBe('3 of 3 policies selected');
  });

  test('two panels keep their own selections', () => {
    render(
      <>
        <div data-testid="first">{panelElement({ frames: [policiesFrame(shop())], id: 1 })}</div>
        <div data-testid="second">{panelElement({ frames: [policiesFrame(shop())], id: 2 })}</div>
      </>
    );
    fireEvent.click(checkbox('flowlens-db', screen.getByTestId('first')));
    expect(summary(screen.getByTestId('first'))).toBe('2 of 3 policies selected');
    expect(summary(screen.getByTestId('second'))).toBe('3 of 3 policies selected');
  });
});

describe('layout', () => {
  test('side by side when wide, stacked when narrow or asked', () => {
    const direction = () =>
      getComputedStyle(screen.getByTestId('policy-yaml').closest('section')!.parentElement!).flexDirection;
    const { rerender } = renderPanel({ frames: [policiesFrame(shop())], width: 1000 });
    expect(direction()).toBe('row');
    rerender(panelElement({ frames: [policiesFrame(shop())], width: 600 }));
    expect(direction()).toBe('column');
    rerender(panelElement({ frames: [policiesFrame(shop())], width: 1000, options: { layout: 'stacked' } }));
    expect(direction()).toBe('column');
    rerender(panelElement({ frames: [policiesFrame(shop())], width: 600, options: { layout: 'side' } }));
    expect(direction()).toBe('row');
  });

  test('resizes with the panel, and says when it is too small', () => {
    const { rerender, container } = renderPanel({ frames: [policiesFrame(shop())], width: 800, height: 500 });
    expect((container.firstElementChild as HTMLElement).style.width).toBe('800px');
    rerender(panelElement({ frames: [policiesFrame(shop())], width: 900, height: 300 }));
    expect((container.firstElementChild as HTMLElement).style.height).toBe('300px');
    rerender(panelElement({ frames: [policiesFrame(shop())], width: 200, height: 100 }));
    expect(container).toHaveTextContent('The policy review needs at least 260 × 160 px; this panel has 200 × 100 px.');
  });
});

describe('empty and broken data', () => {
  test.each([
    ['no frames', []],
    ['an empty frame', [toDataFrame({ fields: [] })]],
  ])("%s → Grafana's no-data view", (_name, frames) => {
    renderPanel({ frames });
    expect(screen.getByTestId('panel-data-error')).toHaveTextContent('No data');
  });

  test('a table that is no recommendation → says what the panel needs', () => {
    renderPanel({
      frames: [toDataFrame({ refId: 'A', fields: [{ name: 'bytes', type: FieldType.number, values: [1] }] })],
    });
    expect(screen.getByTestId('panel-data-error')).toHaveTextContent(
      'The policy panel shows recommended policies: a frame with a "yaml" text field'
    );
  });

  test('no policies recommended → says so, with the backend’s notices', () => {
    renderPanel({
      frames: [
        policiesFrame([], {
          notices: [{ severity: 'warning', text: 'Only the 10 busiest kinds of connection were read' }],
        }),
      ],
    });
    expect(screen.getByText(/No policies recommended/)).toBeVisible();
    expect(screen.getByText('Only the 10 busiest kinds of connection were read')).toBeVisible();
  });

  test('a policy whose YAML does not parse is listed with the reason and never in the YAML', () => {
    const [api, db] = shop();
    renderPanel({ frames: [policiesFrame([api!, { ...db!, yaml: 'kind: NetworkPolicy\nspec: &x {}' }])] });
    expect(checkbox('flowlens-db').disabled).toBe(true);
    expect(
      screen.getByText(
        'NetworkPolicy flowlens-db is left out: its YAML does not parse: line 2: anchors (&) are not read'
      )
    ).toBeVisible();
    expect(summary()).toBe('1 of 1 policy selected · 1 policy cannot be read');
    expect(namesIn(yamlShown())).toEqual(['flowlens-api']);
  });

  test('observed connections that are not a JSON list say so on expand', () => {
    const frame = policiesFrame(shop().slice(0, 1));
    frame.fields.find((field) => field.name === 'observed')!.values[0] = 'shop/a → shop/b';
    renderPanel({ frames: [frame] });
    fireEvent.click(screen.getByRole('button', { name: /of flowlens-api$/ }));
    expect(screen.getByText('The observed connections are not a JSON list: shop/a → shop/b')).toBeVisible();
  });

  test('light and dark themes colour an error notice with the theme’s error text colour', async () => {
    const { createTheme } = await import('@grafana/data');
    for (const mode of ['light', 'dark'] as const) {
      const theme = createTheme({ colors: { mode } });
      const { unmount } = renderPanel({
        frames: [policiesFrame(shop(), { notices: [{ severity: 'error', text: 'broken' }] })],
        theme,
      });
      expect(getComputedStyle(screen.getByText('broken').parentElement!).color).toBe(toRgb(theme.colors.error.text));
      unmount();
    }
  });
});

/** jsdom reports colours as rgb(); the theme gives hex. */
function toRgb(hex: string): string {
  const value = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
