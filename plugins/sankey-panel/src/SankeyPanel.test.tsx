import {
  createTheme,
  FieldColorModeId,
  type FieldConfigSource,
  MappingType,
  ThemeContext,
  ThresholdsMode,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { table } from './test/flowFrames';
import { panelProps } from './test/panelProps';
import { SafeSankeyPanel, SankeyPanel } from './SankeyPanel';
import type { SankeyOptions } from './types';

afterEach(() => vi.restoreAllMocks());

const flows = () =>
  table({
    sourcePodName: ['web-1', 'web-2', 'web-1', 'batch-1'],
    destinationServicePortName: ['api:80', 'api:80', 'db:5432', 'db:5432'],
    bytes: [3000, 1000, 500, 500],
  });

const bytes: FieldConfigSource = { defaults: { unit: 'bytes' }, overrides: [] };

function renderPanel(options: Partial<SankeyOptions> = {}, fieldConfig = bytes, frames = [flows()]) {
  return render(<SankeyPanel {...panelProps(frames, options, fieldConfig)} />);
}

/** Pointer at (x, y) inside the chart; jsdom lays nothing out, so chart and client coordinates agree. */
function pointAt(x: number, y: number) {
  fireEvent.mouseMove(screen.getByTestId('flowlens-sankey'), { clientX: x, clientY: y });
}

function nodeRect(name: string): SVGRectElement {
  return screen.getByRole('button', { name: new RegExp(` ${name}:`) }) as unknown as SVGRectElement;
}

function centreOf(rect: SVGRectElement) {
  return {
    x: Number(rect.getAttribute('x')) + Number(rect.getAttribute('width')) / 2,
    y: Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')) / 2,
  };
}

describe('SankeyPanel: drawing', () => {
  it('draws nodes, links, labels and column headers as SVG', () => {
    renderPanel();
    expect(
      screen.getByRole('group', { name: 'Sankey of sourcePodName → destinationServicePortName: 5 nodes, 4 links' })
    ).toBeInTheDocument();
    expect(screen.getByTestId('sankey-links').querySelectorAll('path')).toHaveLength(4);
    expect(screen.getAllByRole('button')).toHaveLength(5);
    expect(within(screen.getByTestId('sankey-labels')).getByText('web-1')).toBeInTheDocument();
    expect(within(screen.getByTestId('sankey-headers')).getByText('destinationServicePortName')).toBeInTheDocument();
  });

  it('describes each node for screen readers with its unit-formatted value and share', () => {
    renderPanel();
    expect(nodeRect('web-1')).toHaveAccessibleName('sourcePodName web-1: 3.42 KiB, 70% of total');
  });

  it('resizes with the panel', () => {
    const { rerender } = renderPanel();
    const wide = centreOf(nodeRect('api:80')).x;
    rerender(<SankeyPanel {...panelProps([flows()], {}, bytes, { width: 400, height: 400 })} />);
    expect(centreOf(nodeRect('api:80')).x).toBeLessThan(wide);
  });

  it('switches to canvas past the threshold and draws every link, hairlines batched per colour', () => {
    const curves: number[] = [];
    const strokes: number[] = [];
    const context = new Proxy(
      {
        bezierCurveTo: () => curves.push(1),
        stroke: () => strokes.push(1),
        createLinearGradient: () => ({ addColorStop: () => {} }),
      },
      { get: (target, key) => (key in target ? target[key as keyof typeof target] : () => {}), set: () => true }
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
    const many = table({
      src: Array.from({ length: 2000 }, (_, i) => `pod-${i}`),
      dst: Array.from({ length: 2000 }, (_, i) => `svc-${i % 40}`),
      bytes: Array.from({ length: 2000 }, (_, i) => 1 + i),
    });
    render(<SankeyPanel {...panelProps([many], { topLinks: 0 }, bytes)} />);
    expect(screen.getByTestId('flowlens-sankey')).toHaveAttribute('data-renderer', 'canvas');
    expect(curves).toHaveLength(2000);
    // Hairline links share one stroke per colour; only links wider than a pixel get their own.
    expect(strokes.length).toBeLessThan(1000);
    // Only labelled nodes stay keyboard targets, not 2,040 of them.
    expect(screen.getAllByRole('button').length).toBeLessThan(100);
  });

  it('notes what it skipped under the chart', () => {
    const frame = table({ src: ['a', 'b', 'c'], dst: ['x', 'x', 'x'], bytes: [1, null, -1] });
    renderPanel({}, bytes, [frame]);
    expect(screen.getByTestId('sankey-notes')).toHaveTextContent('Skipped values: 1 null, 1 negative.');
  });

  it('says "Other" took the rest', () => {
    renderPanel({ topLinks: 3, otherLabel: 'the rest' });
    expect(screen.getByTestId('sankey-notes')).toHaveTextContent('folded into "the rest"');
    expect(within(screen.getByTestId('sankey-labels')).getAllByText('the rest').length).toBeGreaterThan(0);
    act(() => screen.getAllByRole('button', { name: /the rest:/ })[0]!.focus());
    expect(screen.getByTestId('sankey-tooltip')).toHaveTextContent(/Stands for\d+ names?/);
  });
});

describe('SankeyPanel: no data and unusable data', () => {
  it('shows the standard no-data view without frames', () => {
    render(<SankeyPanel {...panelProps([])} />);
    expect(screen.getByText(/Unable to render data/)).toBeInTheDocument();
    expect(screen.queryByTestId('flowlens-sankey')).not.toBeInTheDocument();
  });

  it('says what is needed and what the query returned', () => {
    render(<SankeyPanel {...panelProps([table({ src: ['a'], dst: ['b'] })])} />);
    expect(
      screen.getByText(/sizes links by a number field .* It returned A: src \(string\), dst \(string\)/)
    ).toBeInTheDocument();
  });

  it('keeps an unexpected drawing error inside the panel', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const props = panelProps([flows()]);
    // A value field whose display processor throws stands in for any bug while drawing.
    props.data.series[0]!.fields[2]!.display = () => {
      throw new Error('broken display');
    };
    render(<SafeSankeyPanel {...props} />);
    expect(screen.getByText('The Sankey could not draw this data')).toBeInTheDocument();
  });
});

describe('SankeyPanel: hover, tooltip and highlight', () => {
  it('hovering a node highlights exactly its flows and shows a tooltip with unit and shares', () => {
    renderPanel();
    const { x, y } = centreOf(nodeRect('web-1'));
    pointAt(x, y);
    const highlight = screen.getByTestId('sankey-highlight').querySelectorAll('path');
    expect(highlight).toHaveLength(2);
    const tooltip = screen.getByTestId('sankey-tooltip');
    expect(tooltip).toHaveTextContent('sourcePodName');
    expect(tooltip).toHaveTextContent('web-1');
    expect(tooltip).toHaveTextContent('3.42 KiB');
    expect(tooltip).toHaveTextContent('70%');
    expect(tooltip).toHaveTextContent('to 2 links');
    // Nodes off the hovered paths fade.
    expect(nodeRect('batch-1')).toHaveAttribute('opacity', '0.3');
    expect(nodeRect('db:5432')).not.toHaveAttribute('opacity');
  });

  it('hovering a link shows both ends and its share of each', () => {
    renderPanel();
    const source = nodeRect('web-2');
    const box = { x: Number(source.getAttribute('x')) + 20, y: centreOf(source).y };
    pointAt(box.x, box.y);
    const tooltip = screen.getByTestId('sankey-tooltip');
    expect(tooltip).toHaveTextContent('web-2 → api:80');
    expect(tooltip).toHaveTextContent('1000 B');
    expect(tooltip).toHaveTextContent('20%');
    expect(tooltip).toHaveTextContent('Of target in25%');
  });

  it('moving away clears the highlight; the full name of a truncated label is in the tooltip', () => {
    const long = 'payments-ledger-reconciliation-worker-7d9f8b6c5-xk2lp';
    renderPanel({}, bytes, [table({ src: [long, 'b'], dst: ['x', 'x'], bytes: [10, 1] })]);
    expect(screen.getByTestId('sankey-labels')).not.toHaveTextContent(long);
    const { x, y } = centreOf(nodeRect(long));
    pointAt(x, y);
    expect(screen.getByTestId('sankey-tooltip')).toHaveTextContent(long);
    fireEvent.mouseLeave(screen.getByTestId('flowlens-sankey'));
    expect(screen.queryByTestId('sankey-tooltip')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sankey-highlight')).not.toBeInTheDocument();
  });

  it('keyboard focus on a node does what hovering does', () => {
    renderPanel();
    act(() => nodeRect('api:80').focus());
    expect(screen.getByTestId('sankey-tooltip')).toHaveTextContent('api:80');
    expect(screen.getByTestId('sankey-highlight').querySelectorAll('path')).toHaveLength(2);
  });
});

describe('SankeyPanel: data links', () => {
  const withLinks = (links: Array<{ title: string; url: string }>) => ({
    defaults: { unit: 'bytes', links },
    overrides: [],
  });

  it('a click on a node follows its only data link with the node as the variable', () => {
    const push = vi.spyOn(locationService, 'push').mockImplementation(() => {});
    renderPanel({}, withLinks([{ title: 'Pod', url: '/d/flowlens-pod?var-pod=${__value.raw}' }]));
    const { x, y } = centreOf(nodeRect('web-2'));
    fireEvent.click(screen.getByTestId('flowlens-sankey'), { clientX: x, clientY: y });
    expect(push).toHaveBeenCalledWith('/d/flowlens-pod?var-pod=web-2');
  });

  it('Enter on a focused node follows the link too', () => {
    const push = vi.spyOn(locationService, 'push').mockImplementation(() => {});
    renderPanel({}, withLinks([{ title: 'Pod', url: '/d/flowlens-pod?var-pod=${__value.raw}' }]));
    fireEvent.keyDown(nodeRect('batch-1'), { key: 'Enter' });
    expect(push).toHaveBeenCalledWith('/d/flowlens-pod?var-pod=batch-1');
  });

  it('with several links, a click pins the tooltip and offers them', () => {
    renderPanel(
      {},
      withLinks([
        { title: 'Pod details', url: '/d/pod?var-pod=${__value.raw}' },
        { title: 'Pod logs', url: '/explore?pod=${__value.raw}' },
      ])
    );
    const { x, y } = centreOf(nodeRect('web-1'));
    fireEvent.click(screen.getByTestId('flowlens-sankey'), { clientX: x, clientY: y });
    const tooltip = screen.getByTestId('sankey-tooltip');
    expect(within(tooltip).getByText('Pod details').closest('a')).toHaveAttribute('href', '/d/pod?var-pod=web-1');
    expect(within(tooltip).getByText('Pod logs')).toBeInTheDocument();
    // Pinned: moving elsewhere keeps it, Escape lets go.
    pointAt(1, 1);
    expect(screen.getByTestId('sankey-tooltip')).toBeInTheDocument();
    fireEvent.keyDown(screen.getByTestId('flowlens-sankey'), { key: 'Escape' });
    expect(screen.queryByTestId('sankey-tooltip')).not.toBeInTheDocument();
  });

  it('a pinned tooltip survives the node losing focus, so its links can be clicked', () => {
    renderPanel(
      {},
      withLinks([
        { title: 'Pod details', url: '/d/pod?var-pod=${__value.raw}' },
        { title: 'Pod logs', url: '/explore?pod=${__value.raw}' },
      ])
    );
    const node = nodeRect('web-2');
    act(() => node.focus());
    // A click on the node itself names it, whatever the pointer coordinates say.
    fireEvent.click(node, { clientX: 0, clientY: 0 });
    act(() => node.blur());
    expect(within(screen.getByTestId('sankey-tooltip')).getByText('Pod details').closest('a')).toHaveAttribute(
      'href',
      '/d/pod?var-pod=web-2'
    );
  });

  it('a link (not a node) offers the value field row, so ${__data.fields…} name both ends', () => {
    const push = vi.spyOn(locationService, 'push').mockImplementation(() => {});
    renderPanel(
      {},
      withLinks([
        {
          title: 'Pair',
          url: '/d/pair?var-src=${__data.fields.sourcePodName}&var-dst=${__data.fields.destinationServicePortName}',
        },
      ])
    );
    const source = nodeRect('web-2');
    fireEvent.click(screen.getByTestId('flowlens-sankey'), {
      clientX: Number(source.getAttribute('x')) + 20,
      clientY: centreOf(source).y,
    });
    expect(push).toHaveBeenCalledWith('/d/pair?var-src=web-2&var-dst=api%3A80');
  });
});

describe('SankeyPanel: colours', () => {
  const linkStrokes = () =>
    Array.from(screen.getByTestId('sankey-links').querySelectorAll('path')).map((path) => path.getAttribute('stroke'));
  const theme = createTheme();
  const named = (name: string) => theme.visualization.getColorByName(name);

  it('a value mapping colours and renames a node', () => {
    renderPanel(
      { linkColor: 'source' },
      {
        defaults: {
          unit: 'bytes',
          mappings: [
            { type: MappingType.ValueToText, options: { 'batch-1': { color: 'purple', text: 'nightly batch' } } },
          ],
        },
        overrides: [],
      }
    );
    expect(nodeRect('nightly batch')).toHaveAttribute('fill', named('purple'));
    expect(linkStrokes()).toContain(named('purple'));
  });

  it('one colour for every link', () => {
    renderPanel({ linkColor: 'single', singleColor: 'orange' });
    expect(new Set(linkStrokes())).toEqual(new Set([named('orange')]));
  });

  it('thresholds colour links by their own value', () => {
    renderPanel(
      { linkColor: 'thresholds' },
      {
        defaults: {
          unit: 'bytes',
          color: { mode: FieldColorModeId.Thresholds },
          thresholds: {
            mode: ThresholdsMode.Absolute,
            steps: [
              { value: -Infinity, color: 'green' },
              { value: 2000, color: 'red' },
            ],
          },
        },
        overrides: [],
      }
    );
    expect(linkStrokes().sort()).toEqual([named('green'), named('green'), named('green'), named('red')].sort());
  });

  it('gradients run from the source colour to the target colour', () => {
    renderPanel({ linkColor: 'gradient' });
    const gradients = linkStrokes().filter((stroke) => stroke?.startsWith('url(#'));
    // Links between two nodes of the same colour need no gradient; the others each get one.
    expect(gradients.length).toBeGreaterThan(0);
    for (const stroke of gradients) {
      const id = stroke!.slice('url(#'.length, -1);
      const stops = document.getElementById(id)!.querySelectorAll('stop');
      expect(stops).toHaveLength(2);
      expect(stops[0]!.getAttribute('stop-color')).not.toBe(stops[1]!.getAttribute('stop-color'));
    }
  });

  it('labels read well in light and dark themes', () => {
    const canonical = (color: string) => {
      const probe = document.createElement('div');
      probe.style.color = color;
      return probe.style.color;
    };
    const fillIn = (mode: 'light' | 'dark') => {
      const themed = createTheme({ colors: { mode } });
      const { unmount } = render(
        <ThemeContext.Provider value={themed}>
          <SankeyPanel {...panelProps([flows()], {}, bytes)} />
        </ThemeContext.Provider>
      );
      const labels = screen.getByTestId('sankey-labels');
      const style = window.getComputedStyle(labels);
      unmount();
      return {
        fill: style.fill,
        halo: style.stroke,
        text: themed.colors.text.primary,
        background: themed.colors.background.primary,
      };
    };
    for (const mode of ['light', 'dark'] as const) {
      const { fill, halo, text, background } = fillIn(mode);
      expect(canonical(fill)).toBe(canonical(text));
      expect(canonical(halo)).toBe(canonical(background));
    }
  });
});
