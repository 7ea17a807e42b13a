import type { GraphResult } from '../data/types';

/** Links as "source → target = value" lines (Other nodes starred), for readable expectations. */
export function linksOf(result: GraphResult): string[] {
  if (result.kind !== 'graph') {
    throw new Error(`expected a graph, got ${result.kind}: ${result.kind === 'problem' ? result.message : ''}`);
  }
  const { nodes, links } = result.graph;
  const name = (index: number) => {
    const node = nodes[index]!;
    return `${node.column}:${node.name}${node.isOther ? '*' : ''}`;
  };
  return links.map((link) => `${name(link.source)} → ${name(link.target)} = ${link.value}`);
}
