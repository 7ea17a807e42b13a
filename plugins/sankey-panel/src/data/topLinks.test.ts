import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJson, table } from '../test/flowFrames';
import { clusterFlows } from '../test/syntheticFlows';
import { defaultSankeyOptions } from '../optionDefaults';
import { buildGraph } from './buildGraph';
import { linksOf } from '../test/graphText';
import type { SankeyGraph } from './types';

describe('top links fold the rest into "Other"', () => {
  const frame = table({
    src: ['a', 'a', 'b', 'c', 'd', 'e'],
    dst: ['x', 'y', 'x', 'z', 'z', 'z'],
    bytes: [100, 50, 40, 3, 2, 1],
  });

  it.each([
    [0, ['0:a → 1:x = 100', '0:a → 1:y = 50', '0:b → 1:x = 40', '0:c → 1:z = 3', '0:d → 1:z = 2', '0:e → 1:z = 1']],
    [6, ['0:a → 1:x = 100', '0:a → 1:y = 50', '0:b → 1:x = 40', '0:c → 1:z = 3', '0:d → 1:z = 2', '0:e → 1:z = 1']],
    [4, ['0:a → 1:x = 100', '0:a → 1:y = 50', '0:b → 1:x = 40', '0:Other* → 1:Other* = 6']],
    // Keeping even the largest link would need 4 (a → x, a → Other, Other → x, Other → Other).
    [3, ['0:Other* → 1:Other* = 196']],
    [1, ['0:Other* → 1:Other* = 196']],
  ])('topLinks %i', (topLinks, links) => {
    expect(linksOf(buildGraph([frame], { ...defaultSankeyOptions, topLinks }))).toEqual(links);
  });

  it('counts folded links and names the bucket with the chosen label', () => {
    const result = buildGraph([frame], { ...defaultSankeyOptions, topLinks: 4, otherLabel: 'rest' });
    expect(result.kind === 'graph' && result.graph.notes.foldedIntoOther).toBe(3);
    expect(linksOf(result)).toContain('0:rest* → 1:rest* = 6');
    // c, d, e fold on the left; z alone on the right.
    const folded =
      result.kind === 'graph' ? result.graph.nodes.filter((node) => node.isOther).map((node) => node.folded) : [];
    expect(folded).toEqual([3, 1]);
  });

  it('a real node named "Other" stays apart from the bucket', () => {
    const withOther = table({ src: ['Other', 'b', 'c', 'd'], dst: ['x', 'x', 'y', 'y'], bytes: [10, 5, 1, 1] });
    expect(linksOf(buildGraph([withOther], { ...defaultSankeyOptions, topLinks: 3 }))).toEqual([
      '0:Other → 1:x = 10',
      '0:b → 1:x = 5',
      '0:Other* → 1:Other* = 2',
    ]);
  });
});

const columnTotals = (graph: SankeyGraph) => {
  const totals = new Map<number, number>();
  for (const link of graph.links) {
    const column = graph.nodes[link.source]!.column;
    totals.set(column, (totals.get(column) ?? 0) + link.value);
  }
  return [...totals.entries()].sort(([a], [b]) => a - b).map(([, total]) => Math.round(total));
};

describe('top links: properties over random flow tables', () => {
  const rows = fc.array(
    fc.record({
      ns: fc.constantFrom('web', 'db', 'ops'),
      pod: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
      svc: fc.constantFrom('s1', 's2', 's3', 's4'),
      bytes: fc.integer({ min: 1, max: 1000 }),
    }),
    { minLength: 1, maxLength: 60 }
  );

  it('draws at most topLinks links, keeps the largest links exact, and keeps every stage total', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 2, max: 20 }), (data, topLinks) => {
        const frame = table({
          ns: data.map((row) => row.ns),
          pod: data.map((row) => row.pod),
          svc: data.map((row) => row.svc),
          bytes: data.map((row) => row.bytes),
        });
        const all = buildGraph([frame], { ...defaultSankeyOptions, topLinks: 0 });
        const top = buildGraph([frame], { ...defaultSankeyOptions, topLinks });
        if (all.kind !== 'graph' || top.kind !== 'graph') {
          throw new Error('expected graphs');
        }
        expect(top.graph.links.length).toBeLessThanOrEqual(
          Math.max(topLinks, all.graph.links.length <= topLinks ? 0 : 2)
        );
        expect(columnTotals(top.graph)).toEqual(columnTotals(all.graph));
        const largest = linksOf(all)
          .map((text, index) => ({ text, value: all.graph.links[index]!.value }))
          .sort((a, b) => b.value - a.value)[0]!;
        if (top.graph.links.length > 2) {
          expect(linksOf(top)).toContain(largest.text);
        }
        const keys = top.graph.nodes.map((node) => node.key);
        expect(new Set(keys).size).toBe(keys.length);
      })
    );
  });
});

describe('the benchmark data', () => {
  it('has exactly the links it promises, and the default draws at most 50 of them', () => {
    const frame = fromJson(clusterFlows({ links: 5000 }));
    const all = buildGraph([frame], { ...defaultSankeyOptions, topLinks: 0 });
    const top = buildGraph([frame], defaultSankeyOptions);
    expect(all.kind === 'graph' && all.graph.links.length).toBe(5000);
    expect(top.kind === 'graph' && top.graph.links.length).toBeLessThanOrEqual(50);
    expect(top.kind === 'graph' && top.graph.notes.foldedIntoOther).toBeGreaterThan(4900);
  });
});
