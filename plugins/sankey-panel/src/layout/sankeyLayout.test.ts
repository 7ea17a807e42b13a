import { describe, expect, it } from 'vitest';
import type { NodeAlignment, NodeSort } from '../types';
import { layoutSankey } from './sankeyLayout';
import type { LayoutInput, LayoutOptions } from './types';

const options = (overrides: Partial<LayoutOptions> = {}): LayoutOptions => ({
  width: 600,
  height: 300,
  nodeAlign: 'columns',
  nodeSort: 'auto',
  nodeWidth: 10,
  nodePadding: 10,
  iterations: 6,
  showHeaders: true,
  showLabels: true,
  fontSize: 12,
  ...overrides,
});

const node = (column: number, label: string, isOther = false) => ({ column, label, isOther });

// a → x (30), b → x (10), c → y (20), Other → y (5): two columns.
const twoColumns: LayoutInput = {
  nodes: [node(0, 'b'), node(0, 'a'), node(0, 'c'), node(0, 'Other', true), node(1, 'x'), node(1, 'y')],
  links: [
    { source: 1, target: 4, value: 30 },
    { source: 0, target: 4, value: 10 },
    { source: 2, target: 5, value: 20 },
    { source: 3, target: 5, value: 5 },
  ],
  columnTitles: ['sourcePodName', 'destinationServicePortName'],
};

/** Labels of a column's nodes from top to bottom. */
function order(input: LayoutInput, layoutOptions: LayoutOptions, column: number): string[] {
  const layout = layoutSankey(input, layoutOptions);
  return input.nodes
    .map((n, index) => ({ label: n.label, column: n.column, y: layout.nodes[index]!.y0 }))
    .filter((n) => n.column === column)
    .sort((a, b) => a.y - b.y)
    .map((n) => n.label);
}

describe('layoutSankey: sort', () => {
  it.each<[NodeSort, string[]]>([
    ['value', ['a', 'c', 'b', 'Other']],
    ['name', ['a', 'b', 'c', 'Other']],
    ['input', ['b', 'a', 'c', 'Other']],
  ])('%s orders the source column %j', (nodeSort, expected) => {
    expect(order(twoColumns, options({ nodeSort }), 0)).toEqual(expected);
  });

  it('auto keeps nodes next to the nodes they talk to', () => {
    const sources = order(twoColumns, options({ nodeSort: 'auto' }), 0);
    const targets = order(twoColumns, options({ nodeSort: 'auto' }), 1);
    // x's sources (a, b) sit together, as do y's (c, Other), in the same vertical order as x and y.
    const groupOf = (label: string) => (['a', 'b'].includes(label) ? 'x' : 'y');
    expect(sources.map(groupOf)).toEqual(targets[0] === 'x' ? ['x', 'x', 'y', 'y'] : ['y', 'y', 'x', 'x']);
  });
});

describe('layoutSankey: geometry', () => {
  it('stacks links inside their nodes: link widths add up to the node height', () => {
    const layout = layoutSankey(twoColumns, options());
    layout.nodes.forEach((placed, index) => {
      const outgoing = layout.links.filter((link) => link.source === index).reduce((sum, link) => sum + link.width, 0);
      const incoming = layout.links.filter((link) => link.target === index).reduce((sum, link) => sum + link.width, 0);
      expect(Math.max(outgoing, incoming)).toBeCloseTo(placed.y1 - placed.y0, 6);
    });
  });

  it('keeps everything inside the panel, below the header band', () => {
    const layout = layoutSankey(twoColumns, options());
    for (const placed of layout.nodes) {
      expect(placed.x0).toBeGreaterThanOrEqual(0);
      expect(placed.x1).toBeLessThanOrEqual(600);
      expect(placed.y0).toBeGreaterThanOrEqual(12);
      expect(placed.y1).toBeLessThanOrEqual(300);
    }
  });

  it('links start at the source right edge and end at the target left edge', () => {
    const layout = layoutSankey(twoColumns, options());
    for (const link of layout.links) {
      expect(link.x0).toBe(layout.nodes[link.source]!.x1);
      expect(link.x1).toBe(layout.nodes[link.target]!.x0);
    }
  });

  it('draws wide links first so thin ones stay visible', () => {
    const layout = layoutSankey(twoColumns, options());
    const widths = Array.from(layout.drawOrder).map((index) => layout.links[index]!.width);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
  });

  it('a column of 2,000 pods keeps most of its height for the pods, not the gaps', () => {
    const pods: LayoutInput = {
      nodes: [...Array.from({ length: 2000 }, (_, index) => node(0, `pod-${index}`)), node(1, 'dns')],
      links: Array.from({ length: 2000 }, (_, index) => ({ source: index, target: 2000, value: 1 })),
      columnTitles: ['pod', 'service'],
    };
    const layout = layoutSankey(pods, options({ height: 400, nodePadding: 10 }));
    const podHeight = layout.nodes.slice(0, 2000).reduce((sum, placed) => sum + placed.y1 - placed.y0, 0);
    const available = layout.nodes[2000]!.y1 - layout.nodes[2000]!.y0;
    expect(podHeight).toBeCloseTo(available, 6);
    expect(podHeight).toBeGreaterThan(0.69 * (400 - 20));
  });

  it('is deterministic', () => {
    expect(layoutSankey(twoColumns, options())).toEqual(layoutSankey(twoColumns, options()));
  });

  it('has nothing to place without links', () => {
    expect(layoutSankey({ nodes: [], links: [], columnTitles: [] }, options()).nodes).toEqual([]);
  });
});

describe('layoutSankey: alignment', () => {
  // p → s → q, and p2 → q directly (an empty service skipped), and r → s with no onward link.
  const skipping: LayoutInput = {
    nodes: [node(0, 'p'), node(1, 's'), node(2, 'q'), node(0, 'p2'), node(0, 'r')],
    links: [
      { source: 0, target: 1, value: 10 },
      { source: 1, target: 2, value: 10 },
      { source: 3, target: 2, value: 5 },
      { source: 4, target: 1, value: 5 },
    ],
    columnTitles: ['pod', 'service', 'pod'],
  };
  it.each<[NodeAlignment, number[]]>([
    ['columns', [0, 1, 2, 0, 0]],
    ['left', [0, 1, 2, 0, 0]],
    ['right', [0, 1, 2, 1, 0]],
    ['justify', [0, 1, 2, 0, 0]],
    ['center', [0, 1, 2, 1, 0]],
  ])('%s puts nodes in layers %j', (nodeAlign, layers) => {
    expect(layoutSankey(skipping, options({ nodeAlign })).nodes.map((placed) => placed.layer)).toEqual(layers);
  });

  it('headers name each layer after its field and line up with the outer edges', () => {
    const layout = layoutSankey(skipping, options());
    expect(layout.headers[0]!.x).toBe(0);
    expect(layout.headers[2]!.x).toBe(600);
    expect(layout.headers.map((header) => [header.text, header.anchor])).toEqual([
      ['pod', 'start'],
      ['service', 'middle'],
      ['pod', 'end'],
    ]);
  });
});

describe('layoutSankey: labels', () => {
  it('puts first-column labels left of their nodes and the others right', () => {
    const layout = layoutSankey(twoColumns, options());
    const sides = layout.labels.map((label) => [twoColumns.nodes[label.node]!.label, label.anchor]);
    expect(sides).toEqual([
      ['b', 'end'],
      ['a', 'end'],
      ['c', 'end'],
      ['Other', 'end'],
      ['x', 'start'],
      ['y', 'start'],
    ]);
  });

  it('skips labels that would overlap, keeping the biggest nodes labelled', () => {
    const many: LayoutInput = {
      nodes: [...Array.from({ length: 60 }, (_, index) => node(0, `pod-${index}`)), node(1, 'dns')],
      links: Array.from({ length: 60 }, (_, index) => ({ source: index, target: 60, value: index === 7 ? 1000 : 1 })),
      columnTitles: ['pod', 'service'],
    };
    const layout = layoutSankey(many, options({ height: 200, nodePadding: 0 }));
    const labelled = layout.labels.map((label) => many.nodes[label.node]!.label);
    expect(labelled).toContain('pod-7');
    expect(labelled).toContain('dns');
    expect(labelled.length).toBeLessThan(20);
    const ys = layout.labels
      .filter((label) => label.anchor === 'end')
      .map((label) => label.y)
      .sort((a, b) => a - b);
    ys.slice(1).forEach((y, index) => expect(y - ys[index]!).toBeGreaterThanOrEqual(15));
  });

  it('truncates long names to the room beside the nodes and says so', () => {
    const long = 'checkout-payments-api-7d9f8b6c5-xk2lp-with-a-very-long-suffix-that-never-ends';
    const input: LayoutInput = {
      nodes: [node(0, long), node(1, 'x')],
      links: [{ source: 0, target: 1, value: 1 }],
      columnTitles: ['a', 'b'],
    };
    const label = layoutSankey(input, options({ width: 300 })).labels[0]!;
    expect(label.truncated).toBe(true);
    expect(label.text).toContain('…');
    expect(label.text.length).toBeLessThan(long.length);
  });

  it('hides labels and headers when asked', () => {
    const layout = layoutSankey(twoColumns, options({ showLabels: false, showHeaders: false }));
    expect(layout.labels).toEqual([]);
    expect(layout.headers).toEqual([]);
  });
});
