import type { CollectedPaths } from './collectPaths';
import type { SankeyLink, SankeyNode, SankeyPaths } from './types';

/** Nodes, links and paths before any filtering; later steps regroup it. */
export interface StageGraph {
  nodes: SankeyNode[];
  links: SankeyLink[];
  paths: SankeyPaths;
}

/** Links are keyed by their two node indexes packed in one number; node counts stay far below this. */
export const linkKeyBase = 2 ** 22;

export function nodeKey(column: number, name: string): string {
  return `${column}\u0000${name}`;
}

/**
 * Turns paths into links between consecutive named columns. Nodes are keyed by (column, name), so
 * a pod that is both a source and a destination is two nodes and no cycle can ever form.
 */
export function buildStageLinks(collected: CollectedPaths): { graph: StageGraph; zero: number } {
  const { columnCount, columnNames, ids, values, origins } = collected;
  const nodeOfName = columnNames.map((names) => new Int32Array(names.length).fill(-1));
  const nodes: SankeyNode[] = [];
  const links: SankeyLink[] = [];
  const linkIndex = new Map<number, number>();
  const offsets: number[] = [0];
  const pathLinks: number[] = [];
  const pathValues: number[] = [];
  let zero = 0;

  const nodeFor = (column: number, id: number, path: number): number => {
    const byName = nodeOfName[column]!;
    let index = byName[id]!;
    if (index < 0) {
      index = nodes.length;
      byName[id] = index;
      const name = columnNames[column]![id]!;
      const origin = origins[path];
      nodes.push({
        key: nodeKey(column, name),
        column,
        name,
        isOther: false,
        origin: origin && { field: origin.columnFields[column] ?? origin.valueField, row: origin.row },
      });
    }
    return index;
  };

  values.forEach((value, path) => {
    if (!(value > 0)) {
      zero++;
      return;
    }
    value = Math.min(Number.MAX_VALUE, value);
    let previous = -1;
    for (let column = 0; column < columnCount; column++) {
      const id = ids[path * columnCount + column]!;
      if (id < 0) {
        continue;
      }
      const node = nodeFor(column, id, path);
      if (previous >= 0) {
        const key = previous * linkKeyBase + node;
        let link = linkIndex.get(key);
        if (link === undefined) {
          link = links.length;
          linkIndex.set(key, link);
          const origin = origins[path];
          links.push({
            source: previous,
            target: node,
            value: 0,
            origin: origin && { field: origin.valueField, row: origin.row },
          });
        }
        // Sums of huge counters must stay finite numbers for the layout.
        links[link]!.value = Math.min(Number.MAX_VALUE, links[link]!.value + value);
        pathLinks.push(link);
      }
      previous = node;
    }
    offsets.push(pathLinks.length);
    pathValues.push(value);
  });

  return {
    graph: {
      nodes,
      links,
      paths: {
        offsets: Int32Array.from(offsets),
        links: Int32Array.from(pathLinks),
        values: Float64Array.from(pathValues),
      },
    },
    zero,
  };
}
