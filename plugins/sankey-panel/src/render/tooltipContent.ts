import type { NodeTotals } from '../data/nodeTotals';
import type { SankeyGraph } from '../data/types';
import type { Hit } from '../layout/hitIndex';
import type { LinkPaint } from './linkColors';
import type { NodeDisplay } from './nodeDisplay';
import { percentText } from './valueText';

/** One line of the tooltip; `color` marks the header with the node's or link's colour. */
export interface TooltipItem {
  label: string;
  value: string;
  color?: string;
}

export interface TooltipContent {
  header: TooltipItem;
  items: TooltipItem[];
}

interface Context {
  graph: SankeyGraph;
  totals: NodeTotals;
  displays: NodeDisplay[];
  paints: LinkPaint[];
  format: (value: number) => string;
}

const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

/** Full names (labels may be truncated), the value in the field's unit, and its shares. */
export function tooltipContent(
  hit: NonNullable<Hit>,
  { graph, totals, displays, paints, format }: Context
): TooltipContent {
  if (hit.kind === 'node') {
    const node = graph.nodes[hit.index]!;
    const display = displays[hit.index]!;
    const value = totals.value[hit.index]!;
    const items: TooltipItem[] = [
      { label: 'Total', value: format(value) },
      { label: 'Share of total', value: percentText(value, graph.total) },
    ];
    if (node.isOther && node.folded) {
      items.push({ label: 'Stands for', value: count(node.folded, 'name') });
    }
    if (totals.incomingLinks[hit.index]! > 0) {
      items.push({
        label: 'In',
        value: `${format(totals.incoming[hit.index]!)} from ${count(totals.incomingLinks[hit.index]!, 'link')}`,
      });
    }
    if (totals.outgoingLinks[hit.index]! > 0) {
      items.push({
        label: 'Out',
        value: `${format(totals.outgoing[hit.index]!)} to ${count(totals.outgoingLinks[hit.index]!, 'link')}`,
      });
    }
    const named = display.text === node.name || node.isOther ? display.text : `${display.text} (${node.name})`;
    return {
      header: {
        label: graph.columns[node.column]?.title ?? '',
        value: named,
        color: display.color,
      },
      items,
    };
  }
  const link = graph.links[hit.index]!;
  const source = graph.nodes[link.source]!;
  const target = graph.nodes[link.target]!;
  return {
    header: {
      label: `${graph.columns[source.column]?.title ?? ''} → ${graph.columns[target.column]?.title ?? ''}`,
      value: `${displays[link.source]?.text ?? source.name} → ${displays[link.target]?.text ?? target.name}`,
      color: paints[hit.index]?.from,
    },
    items: [
      { label: 'Value', value: format(link.value) },
      { label: 'Share of total', value: percentText(link.value, graph.total) },
      { label: 'Of source out', value: percentText(link.value, totals.outgoing[link.source]!) },
      { label: 'Of target in', value: percentText(link.value, totals.incoming[link.target]!) },
    ],
  };
}
