import { type DataFrame, FieldType, MappingType, ThresholdsMode } from '@grafana/data';
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import React from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGraph } from './data/buildGraph';
import { panelProps } from './test/panelProps';
import { layoutSankey } from './layout/sankeyLayout';
import { SankeyPanel } from './SankeyPanel';
import { defaultSankeyOptions } from './optionDefaults';
import type { SankeyOptions } from './types';

const names = ['src', 'dst', 'bytes', 'time', '', 'ns', 'Other', 'a'.repeat(300), 'ü→😀'];

const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -1, 0, Number.MIN_VALUE, 1e308, '', ' ', '12', 'x', true),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 400 }),
  fc.constantFrom('web-1', 'api:80', 'db:5432', 'kube-system/kube-dns:dns'),
  fc.constant({ nested: [1, 2] })
);

const field = (length: number) =>
  fc.record({
    name: fc.constantFrom(...names),
    type: fc.constantFrom(FieldType.string, FieldType.number, FieldType.time, FieldType.boolean, FieldType.other),
    values: fc.array(anyValue, { minLength: length, maxLength: length }),
    config: fc.constantFrom(
      {},
      { unit: 'bytes', decimals: 2 },
      { displayName: 'src' },
      { mappings: [{ type: MappingType.ValueToText, options: { '': { text: '', color: 'red' } } }] },
      { links: [{ title: 'drill', url: '/d/x?var-pod=${__value.raw}' }] },
      {
        color: { mode: 'thresholds' },
        thresholds: { mode: ThresholdsMode.Percentage, steps: [{ value: -Infinity, color: 'green' }] },
      }
    ),
    labels: fc.option(fc.dictionary(fc.constantFrom('src', 'dst', 'ns', ''), fc.string({ maxLength: 20 })), {
      nil: undefined,
    }),
  });

const frame: fc.Arbitrary<DataFrame> = fc.integer({ min: 0, max: 25 }).chain((length) =>
  fc
    .record({
      refId: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
      fields: fc.array(field(length), { maxLength: 6 }),
      length: fc.constant(length),
    })
    // Deliberately looser than the types: whatever a datasource might send.
    .map((loose) => loose as unknown as DataFrame)
);

/** Flow-shaped frames (text columns and a number), so many runs get as far as drawing. */
const flowFrame: fc.Arbitrary<DataFrame> = fc.integer({ min: 1, max: 40 }).chain((length) => {
  const column = (name: string) =>
    fc.record({
      name: fc.constant(name),
      type: fc.constant(FieldType.string),
      config: fc.constant({}),
      values: fc.array(
        fc.oneof(fc.constantFrom('web-1', 'web-2', 'api:80', 'db', '', null, 'Other'), fc.string({ maxLength: 200 })),
        {
          minLength: length,
          maxLength: length,
        }
      ),
    });
  return fc.record({
    refId: fc.constant('A'),
    length: fc.constant(length),
    fields: fc
      .tuple(column('src'), column('ns'), column('dst'), fc.array(anyValue, { minLength: length, maxLength: length }))
      .map(([src, ns, dst, bytes]) => [
        src,
        ns,
        dst,
        { name: 'bytes', type: FieldType.number, config: { unit: 'bytes' }, values: bytes },
      ]),
  });
});

const anyFrames = fc.array(fc.oneof(frame, flowFrame), { maxLength: 3 });
/** Rendering is slower, so its runs lean towards frames that draw. */
const mostlyFlows = fc.array(fc.oneof({ weight: 1, arbitrary: frame }, { weight: 3, arbitrary: flowFrame }), {
  minLength: 1,
  maxLength: 2,
});

/** Mostly unset, as in most dashboards; sometimes a name that may or may not exist. */
const fieldName = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(...names) }
);

const options: fc.Arbitrary<SankeyOptions> = fc.record({
  ...Object.fromEntries(Object.entries(defaultSankeyOptions).map(([key, value]) => [key, fc.constant(value)])),
  sourceField: fieldName,
  targetField: fieldName,
  hopFields: fc.oneof(
    { weight: 8, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...names), { maxLength: 3 }) }
  ),
  valueField: fieldName,
  valueReducer: fc.constantFrom('sum', 'mean', 'max', 'last'),
  emptyNames: fc.constantFrom('label', 'skip'),
  topLinks: fc.integer({ min: -1, max: 60 }),
  minValue: fc.option(fc.double({ noNaN: false }), { nil: undefined }),
  nodeAlign: fc.constantFrom('columns', 'justify', 'left', 'right', 'center'),
  nodeSort: fc.constantFrom('auto', 'value', 'name', 'input'),
  nodeWidth: fc.integer({ min: -5, max: 100 }),
  nodePadding: fc.integer({ min: -5, max: 100 }),
  iterations: fc.integer({ min: -1, max: 40 }),
  nodeLabels: fc.constantFrom('name', 'nameAndValue', 'none'),
  linkColor: fc.constantFrom('source', 'target', 'gradient', 'single', 'thresholds'),
  renderer: fc.constantFrom('auto', 'svg', 'canvas'),
}) as fc.Arbitrary<SankeyOptions>;

const size = fc.record({ width: fc.integer({ min: 0, max: 1600 }), height: fc.integer({ min: 0, max: 900 }) });

describe('the panel never throws, whatever the data', () => {
  beforeAll(() => {
    // jsdom has no 2D canvas; the panel must cope with that as with everything else.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterAll(() => vi.restoreAllMocks());

  it('data and layout: any frames and options give a result and finite positions', () => {
    let graphs = 0;
    fc.assert(
      fc.property(anyFrames, options, size, (frames, panelOptions, { width, height }) => {
        const result = buildGraph(frames, panelOptions);
        expect(['graph', 'noData', 'problem']).toContain(result.kind);
        if (result.kind !== 'graph') {
          return;
        }
        graphs++;
        const { graph } = result;
        const layout = layoutSankey(
          {
            nodes: graph.nodes.map((node) => ({ column: node.column, isOther: node.isOther, label: node.name })),
            links: graph.links,
            columnTitles: graph.columns.map((column) => column.title),
          },
          { ...panelOptions, width, height, showLabels: true, fontSize: 12 }
        );
        for (const node of layout.nodes) {
          expect([node.x0, node.x1, node.y0, node.y1].every(Number.isFinite)).toBe(true);
        }
        for (const link of graph.links) {
          expect(link.value).toBeGreaterThan(0);
          expect(graph.nodes[link.target]!.column).toBeGreaterThan(graph.nodes[link.source]!.column);
        }
      }),
      { numRuns: 400 }
    );
    // The property means little unless a good share of runs actually draw something.
    expect(graphs).toBeGreaterThan(60);
  });

  it('the rendered panel: any frames, options and size render without throwing', () => {
    let drawn = 0;
    fc.assert(
      fc.property(mostlyFlows, options, size, (frames, panelOptions, dimensions) => {
        const { container } = render(
          <SankeyPanel {...panelProps(frames, panelOptions, { defaults: {}, overrides: [] }, dimensions)} />
        );
        drawn += container.querySelector('[data-testid="flowlens-sankey"]') ? 1 : 0;
        cleanup();
      }),
      { numRuns: 60 }
    );
    expect(drawn).toBeGreaterThan(12);
  });
});
