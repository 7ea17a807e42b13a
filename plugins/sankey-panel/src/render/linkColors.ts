import { getActiveThreshold, type GrafanaTheme2, ThresholdsMode } from '@grafana/data';
import type { SankeyGraph } from '../data/types';
import type { LinkColorMode } from '../types';
import type { NodeDisplay } from './nodeDisplay';

/** A link's paint: one colour, or a left-to-right gradient from its source's to its target's. */
export interface LinkPaint {
  from: string;
  to: string;
}

/**
 * Link colours by mode: the source's or target's node colour (who sends, who receives), a gradient
 * between them, one colour, or the value field's thresholds applied to the link's own value.
 */
export function linkPaints(
  graph: SankeyGraph,
  nodes: NodeDisplay[],
  mode: LinkColorMode,
  singleColor: string,
  theme: GrafanaTheme2
): LinkPaint[] {
  const single = theme.visualization.getColorByName(singleColor);
  const thresholds = graph.valueField.config.thresholds;
  const steps = thresholds?.steps ?? [];
  const percentMode = thresholds?.mode === ThresholdsMode.Percentage;
  const max = graph.valueField.config.max ?? graph.links.reduce((most, link) => Math.max(most, link.value), 0);
  const min = graph.valueField.config.min ?? 0;

  return graph.links.map((link) => {
    const source = nodes[link.source]?.color ?? single;
    const target = nodes[link.target]?.color ?? single;
    switch (mode) {
      case 'target':
        return { from: target, to: target };
      case 'gradient':
        return { from: source, to: target };
      case 'single':
        return { from: single, to: single };
      case 'thresholds': {
        const value = percentMode ? ((link.value - min) / Math.max(max - min, Number.EPSILON)) * 100 : link.value;
        const color =
          steps.length > 0 ? theme.visualization.getColorByName(getActiveThreshold(value, steps).color) : single;
        return { from: color, to: color };
      }
      case 'source':
      default:
        return { from: source, to: source };
    }
  });
}
