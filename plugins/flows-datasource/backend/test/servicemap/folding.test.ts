import { describe, expect, it } from 'vitest';
import { foldSmallNodes, nodeTraffic } from '../../src/servicemap/folding.ts';
import type { MapNode, MapNodeKind } from '../../src/servicemap/mapNodes.ts';
import { podPattern } from '../../src/servicemap/nodeGraphFrames.ts';
import type { MapLink, ServiceGraph } from '../../src/servicemap/serviceGraph.ts';
import { bitRateText, bytesText } from '../../src/servicemap/statText.ts';
import type { FoldBy } from '../../src/servicemap/serviceMapOptions.ts';

/** Folding as a pure function of a graph: which nodes stay, which "Other" nodes appear, what the links become. */
function node(id: string, kind: MapNodeKind, namespace: string): MapNode {
  return { id, kind, title: id, namespace, pods: kind === 'workload' ? [`${id}-0`] : [] };
}

function link(source: string, target: string, bytes: number): MapLink {
  return {
    source,
    target,
    traffic: { bytes, bitsPerSecond: bytes / 100, flows: 1, connections: 1, deniedConnections: 0 },
  };
}

// a (ns x) sends 1000 to b (ns x), 100 to c (ns y), 10 to the outside e1 and 1 to e2; d (ns y) 5 to c.
const nodes = [
  node('a', 'workload', 'x'),
  node('b', 'workload', 'x'),
  node('c', 'workload', 'y'),
  node('d', 'workload', 'y'),
  node('e1', 'external', ''),
  node('e2', 'external', ''),
];
const graph: ServiceGraph = {
  nodes: new Map(nodes.map((n) => [n.id, n])),
  links: [link('a', 'b', 1000), link('a', 'c', 100), link('a', 'e1', 10), link('a', 'e2', 1), link('d', 'c', 5)],
};

describe('folding small nodes', () => {
  it.each<[number, FoldBy, string[], boolean]>([
    // Fits: nothing changes.
    [6, 'namespace', ['a', 'b', 'c', 'd', 'e1', 'e2'], false],
    // Ranked a 1,111 bytes in and out, b 1,000, c 105, e1 10, d 5, e2 1. Folding e2 and d alone makes
    // two "Other" nodes (still 6); with e1 as well, three stay beside two "Other" nodes.
    [5, 'namespace', ['a', 'b', 'c', 'other:y', 'other:external'], false],
    [4, 'namespace', ['a', 'b', 'other:y', 'other:external'], false],
    // Keeping a would need four nodes: everything folds, one "Other" per namespace and one outside.
    [3, 'namespace', ['other:x', 'other:y', 'other:external'], false],
    // Three namespaces' Others cannot fit in 2: everything folded shares one.
    [2, 'namespace', ['a', 'other:all'], true],
    [3, 'all', ['a', 'b', 'other:all'], false],
  ])('at most %i nodes, folded by %s', (maxNodes, foldBy, expected, fellBackToAll) => {
    const { graph: folded, folding } = foldSmallNodes(graph, maxNodes, foldBy);
    expect([...folded.nodes.keys()].sort()).toEqual([...expected].sort());
    expect(folded.nodes.size).toBeLessThanOrEqual(maxNodes);
    expect(folding?.fellBackToAll ?? false).toBe(fellBackToAll);
    // Every link joins nodes that exist, and no byte is lost.
    for (const { source, target } of folded.links) {
      expect(folded.nodes.has(source) && folded.nodes.has(target)).toBe(true);
    }
    const bytes = (links: MapLink[]) => links.reduce((sum, l) => sum + l.traffic.bytes, 0);
    expect(bytes(folded.links)).toBe(bytes(graph.links));
  });

  it('re-aggregates links between what remains and keeps traffic inside an "Other" as its own', () => {
    const { graph: folded } = foldSmallNodes(graph, 4, 'namespace');
    const byPair = Object.fromEntries(folded.links.map((l) => [`${l.source}->${l.target}`, l.traffic.bytes]));
    expect(byPair).toEqual({ 'a->b': 1000, 'a->other:y': 100, 'a->other:external': 11, 'other:y->other:y': 5 });
    expect(folded.nodes.get('other:y')).toMatchObject({ kind: 'other', title: 'Other (2 workloads)', namespace: 'y' });
    expect(folded.nodes.get('other:external')).toMatchObject({ title: 'Other (2 external IPs)', namespace: '' });
    expect(nodeTraffic(folded.links).get('other:y')).toMatchObject({
      received: expect.objectContaining({ bytes: 105 }),
      sent: expect.objectContaining({ bytes: 5 }),
    });
  });
});

describe('links to the Pod-to-Pod dashboard', () => {
  it.each<[MapNode, string]>([
    [
      { id: 'workload:web/api', kind: 'workload', title: 'api', namespace: 'web', pods: ['api-1', 'api-2'] },
      '^web/(api-1|api-2)$',
    ],
    [{ id: 'namespace:web', kind: 'namespace', title: 'web', namespace: 'web', pods: [] }, '^web/'],
    [{ id: 'external:10.0.0.1', kind: 'external', title: '10.0.0.1', namespace: '', pods: [] }, '^10\\.0\\.0\\.1$'],
    [{ id: 'other:all', kind: 'other', title: 'Other (3 pods)', namespace: '', pods: ['a', 'b', 'c'] }, '.'],
    [
      {
        id: 'workload:big/web',
        kind: 'workload',
        title: 'web',
        namespace: 'big',
        pods: Array.from({ length: 25 }, (_, i) => `web-7d4b9-${String(i).padStart(2, '0')}`),
      },
      '^big/web-7d4b9-',
    ],
  ])('%# %s', (mapNode, pattern) => {
    expect(podPattern(mapNode)).toBe(pattern);
  });
});

describe('stats as text', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [200, '200 B'],
    [4096, '4 KiB'],
    [4700, '4.59 KiB'],
    [1048575, '1 MiB'],
    [5.5 * 1024 ** 3, '5.5 GiB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(bytesText(bytes)).toBe(text);
  });

  it.each<[number, string]>([
    [9.5556, '9.56 bit/s'],
    [45600, '45.6 kbit/s'],
    [2_000_000, '2 Mbit/s'],
  ])('%d bit/s reads %s', (rate, text) => {
    expect(bitRateText(rate)).toBe(text);
  });
});
