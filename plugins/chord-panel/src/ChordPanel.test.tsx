import './test/jsdomGaps';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';
import { createTheme, type DataLink, FieldType, toDataFrame } from '@grafana/data';
import type * as runtime from '@grafana/runtime';
import { locationService } from '@grafana/runtime';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { flowFrame } from './test/flowFrames';
import { panelElement, renderPanel } from './test/panelProps';
import { type ChordOptions } from './types';

// Stands in for Grafana's view, which the app installs at start: the panel must hand its data to it.
vi.mock('@grafana/runtime', async (original) => ({
  ...(await original<typeof runtime>()),
  PanelDataErrorView: ({ message }: { message?: string }) => (
    <div data-testid="panel-data-error">{message ?? 'No data'}</div>
  ),
}));

afterEach(() => vi.restoreAllMocks());

const pods = (links?: DataLink[]) =>
  flowFrame({
    source: ['web/frontend', 'web/frontend', 'web/frontend', 'web/backend', 'web/backend'],
    target: ['web/backend', 'web/backend', 'web/backend', 'db/postgres', 'web/frontend'],
    bytes: [1024, 2048, 4096, 10240, 512],
    links,
  });

const arcNamed = (name: string, root: HTMLElement = document.body) =>
  within(root).getByRole('button', { name: new RegExp(`^${name.replace('/', '\\/')}:`) });
const ribbons = (root: HTMLElement = document.body) =>
  within(root).getByTestId('chord-ribbons').querySelectorAll('path');
const highlighted = (root: HTMLElement = document.body) =>
  within(root).getByTestId('chord-highlight').querySelectorAll('path');
const ribbonBetween = (root: HTMLElement, title: string) => {
  for (const path of ribbons(root)) {
    fireEvent.pointerMove(path, { clientX: 10, clientY: 10 });
    if (screen.queryByTestId('chord-tooltip')?.textContent?.startsWith(title)) {
      return path;
    }
  }
  throw new Error(`no ribbon ${title}`);
};

describe('ChordPanel', () => {
  test('draws one arc per group and one ribbon per directed pair, labels namespace over name', () => {
    renderPanel({ frames: [pods()] });
    expect(screen.getByTestId('chord-arcs').querySelectorAll('[role="button"]')).toHaveLength(3);
    expect(ribbons()).toHaveLength(3);
    const label = arcNamed('web/frontend').parentElement!.querySelectorAll('text');
    expect([...label].map((text) => text.textContent)).toEqual(['web', 'frontend']);
  });

  test.each([
    ['no frames', []],
    ['empty frames', [flowFrame({ source: [], target: [], bytes: [] })]],
  ])("%s → Grafana's no-data view", (_name, frames) => {
    renderPanel({ frames });
    expect(screen.getByTestId('panel-data-error')).toHaveTextContent('No data');
  });

  test('missing fields → the data error view says what is needed and what the frame has', () => {
    renderPanel({
      frames: [toDataFrame({ refId: 'A', fields: [{ name: 'bytes', type: FieldType.number, values: [1] }] })],
    });
    expect(screen.getByTestId('panel-data-error')).toHaveTextContent(
      'The chord needs a source and a target text field (pick them in the panel options); query A has: bytes (number).'
    );
  });

  test('a panel too small for a chord says so', () => {
    renderPanel({ frames: [pods()], width: 100, height: 80 });
    expect(screen.getByText(/needs at least 120 × 120 px; this panel has 100 × 80 px/)).toBeInTheDocument();
  });

  test('resizes with the panel', () => {
    const { rerender, container } = renderPanel({ frames: [pods()], width: 500, height: 400 });
    expect(container.querySelector('svg')).toHaveAttribute('width', '500');
    rerender(panelElement({ frames: [pods()], width: 800, height: 600 }));
    expect(container.querySelector('svg')).toHaveAttribute('width', '800');
    expect(container.querySelector('svg')).toHaveAttribute('height', '600');
  });

  test('hovering a group isolates its ribbons and shows its traffic in the field unit', () => {
    renderPanel({ frames: [pods()] });
    fireEvent.pointerEnter(arcNamed('db/postgres'), { clientX: 5, clientY: 5 });
    expect(highlighted()).toHaveLength(1);
    const tooltip = screen.getByTestId('chord-tooltip');
    expect(tooltip).toHaveTextContent('db/postgres');
    expect(tooltip).toHaveTextContent('Incoming10 KiB');
    expect(tooltip).toHaveTextContent('Peers1');
    // Arcs of unconnected groups fade; the hovered group and its peer do not.
    expect(arcNamed('web/frontend').parentElement!.className).not.toBe(
      arcNamed('web/backend').parentElement!.className
    );
    fireEvent.pointerLeave(arcNamed('db/postgres'));
    expect(highlighted()).toHaveLength(0);
  });

  test('click locks the isolation; click again, the background, the chip or Esc releases it', () => {
    const { container } = renderPanel({ frames: [pods()] });
    const lock = () => {
      fireEvent.click(arcNamed('web/frontend'));
      fireEvent.pointerLeave(arcNamed('web/frontend'));
      expect(arcNamed('web/frontend')).toHaveAttribute('aria-pressed', 'true');
      expect(highlighted()).toHaveLength(2);
    };
    lock();
    fireEvent.click(arcNamed('web/frontend'));
    expect(highlighted()).toHaveLength(0);

    lock();
    fireEvent.click(container.querySelector('svg')!);
    expect(highlighted()).toHaveLength(0);

    lock();
    fireEvent.click(screen.getByRole('button', { name: /Showing only web\/frontend/ }));
    expect(highlighted()).toHaveLength(0);

    lock();
    fireEvent.keyDown(arcNamed('web/frontend'), { key: 'Escape' });
    expect(highlighted()).toHaveLength(0);
  });

  test('keyboard: Enter on a focused arc isolates its group', () => {
    renderPanel({ frames: [pods()] });
    const arc = arcNamed('web/backend');
    act(() => arc.focus());
    fireEvent.keyDown(arc, { key: 'Enter' });
    fireEvent.blur(arc);
    expect(arc).toHaveAttribute('aria-pressed', 'true');
    expect(highlighted()).toHaveLength(3);
  });

  test('two panels on one dashboard never interfere', () => {
    render(
      <>
        <div data-testid="first">{panelElement({ frames: [pods()], id: 1 })}</div>
        <div data-testid="second">{panelElement({ frames: [pods()], id: 2 })}</div>
      </>
    );
    const first = screen.getByTestId('first');
    const second = screen.getByTestId('second');
    fireEvent.click(arcNamed('web/frontend', first));
    fireEvent.pointerEnter(arcNamed('db/postgres', first), { clientX: 5, clientY: 5 });
    expect(highlighted(first).length).toBeGreaterThan(0);
    expect(highlighted(second)).toHaveLength(0);
    expect(arcNamed('web/frontend', second)).toHaveAttribute('aria-pressed', 'false');
    expect(within(second).queryByRole('button', { name: /Showing only/ })).toBeNull();

    // Releasing in the second panel leaves the first one's isolation alone.
    fireEvent.click(second.querySelector('svg')!);
    fireEvent.keyDown(arcNamed('web/backend', second), { key: 'Escape' });
    expect(arcNamed('web/frontend', first)).toHaveAttribute('aria-pressed', 'true');
    // Leaving the first panel's arc removes only its tooltip.
    fireEvent.pointerEnter(arcNamed('web/backend', second), { clientX: 5, clientY: 5 });
    expect(screen.getAllByTestId('chord-tooltip')).toHaveLength(2);
    fireEvent.pointerLeave(arcNamed('db/postgres', first));
    expect(screen.getAllByTestId('chord-tooltip')).toHaveLength(1);
    expect(screen.getByTestId('chord-tooltip')).toHaveTextContent('web/backend');
  });

  test('a ribbon tooltip sums the pair and lists every row behind it', () => {
    const frame = flowFrame({
      source: ['a', 'a', 'a'],
      target: ['b', 'b', 'b'],
      ruleAction: [1, 2, 1],
      bytes: [1024, 2048, 4096],
      policy: ['allow-web', 'deny-all', 'allow-web-v2'],
    });
    const { container } = renderPanel({
      frames: [frame],
      options: { colorField: 'ingressNetworkPolicyRuleAction', detailFields: ['ingressNetworkPolicyName'] },
    });
    fireEvent.pointerMove(ribbons(container)[0]!, { clientX: 20, clientY: 20 });
    const tooltip = screen.getByTestId('chord-tooltip');
    expect(tooltip).toHaveTextContent(/^a → b7 KiB/);
    const rows = within(tooltip).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Allowallow-web-v24 KiB1',
      'Dropdeny-all2 KiB1',
      'Allowallow-web1 KiB1',
    ]);
    expect(
      within(tooltip)
        .getAllByRole('columnheader')
        .map((th) => th.textContent)
    ).toEqual(['ingressNetworkPolicyRuleAction', 'ingressNetworkPolicyName', 'Value', 'Rows']);
  });

  describe('colored by the color field through its value mappings', () => {
    const theme = createTheme();
    const green = theme.visualization.getColorByName('green');
    const red = theme.visualization.getColorByName('red');
    // a → b has an allowed and a dropped row; c → b is allowed.
    const frame = () =>
      flowFrame({ source: ['a', 'a', 'c'], target: ['b', 'b', 'b'], ruleAction: [1, 2, 1], bytes: [10, 1, 5] });
    const render = (colorPick?: ChordOptions['colorPick']) => {
      // Wide enough for Grafana's layout to honour the legend's own placement (jsdom's body is 0 px wide).
      vi.spyOn(document.body, 'clientWidth', 'get').mockReturnValue(1600);
      const { container } = renderPanel({
        frames: [frame()],
        theme,
        options: { colorBy: 'field', colorField: 'ingressNetworkPolicyRuleAction', colorPick },
      });
      return [...ribbons(container)].map((path) => [path.getAttribute('data-ribbon'), path.getAttribute('fill')]);
    };

    test('a pair whose rows disagree is split into a band per action; a legend names them', () => {
      // Ribbon 0 is the larger a → b, in two bands; ribbon 1 is c → b.
      expect(render()).toEqual([
        ['0', green],
        ['0', red],
        ['1', green],
      ]);
      expect(screen.getByText('Allow')).toBeInTheDocument();
      expect(screen.getByText('Drop')).toBeInTheDocument();
    });

    test('or colored whole by the highest action', () => {
      expect(render('highest')).toEqual([
        ['0', red],
        ['1', green],
      ]);
    });
  });

  test('light and dark themes color labels from the theme', () => {
    const label = (mode: 'light' | 'dark') => {
      const theme = createTheme({ colors: { mode } });
      const { unmount } = renderPanel({ frames: [pods()], theme });
      const text = arcNamed('db/postgres').parentElement!.querySelector('text')!;
      const fill = getComputedStyle(text).fill;
      unmount();
      return fill;
    };
    expect(label('light')).not.toBe(label('dark'));
  });

  test('clicking a ribbon with one data link follows it inside Grafana', () => {
    const push = vi.spyOn(locationService, 'push').mockImplementation(() => undefined);
    const { container } = renderPanel({
      frames: [pods([{ title: 'Flows', url: '/d/flowlens-flow-records?var-src=${__data.fields.sourcePodName}' }])],
    });
    fireEvent.click(ribbonBetween(container, 'web/backend → db/postgres'));
    expect(push).toHaveBeenCalledWith('/d/flowlens-flow-records?var-src=web%2Fbackend');
  });

  test('several data links open a menu of them', () => {
    const { container } = renderPanel({
      frames: [
        pods([
          { title: 'Flows', url: '/d/flows?var-pod=${__data.fields.destinationPodName}' },
          { title: 'Pod', url: 'https://k8s.example/pods/${__data.fields.destinationPodName}', targetBlank: true },
        ]),
      ],
    });
    fireEvent.click(ribbonBetween(container, 'web/backend → db/postgres'), { clientX: 30, clientY: 40 });
    expect(screen.getByRole('menuitem', { name: /Flows/ })).toHaveAttribute('href', '/d/flows?var-pod=db%2Fpostgres');
    expect(screen.getByRole('menuitem', { name: /Pod/ })).toHaveAttribute(
      'href',
      'https://k8s.example/pods/db%2Fpostgres'
    );
  });

  test('rows left out are counted in a corner note', () => {
    const frame = flowFrame({ source: ['a', 'a', null], target: ['b', 'b', 'b'], bytes: [1, NaN, 3] });
    renderPanel({ frames: [frame] });
    expect(screen.getByRole('button', { name: /2 rows not drawn/ })).toHaveAccessibleName(
      '2 rows not drawn: 1 row without a numeric value (null, NaN or text); 1 row without a source or target name'
    );
  });

  test('top groups merge the rest into Other, whose tooltip names its members', () => {
    const frame = flowFrame({
      source: ['a', 'b', 'c', 'd'],
      target: ['x', 'x', 'x', 'x'],
      bytes: [100, 50, 2, 1],
    });
    renderPanel({ frames: [frame], options: { topGroups: 3 } });
    fireEvent.pointerEnter(arcNamed('Other'), { clientX: 5, clientY: 5 });
    expect(screen.getByTestId('chord-tooltip')).toHaveTextContent('Other: 2 groups');
    expect(
      within(screen.getByTestId('chord-tooltip'))
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual(['c', 'd']);
  });
});
