import React, { type KeyboardEvent, memo } from 'react';
import type { SankeyLayout } from '../layout/types';

interface Props {
  layout: SankeyLayout;
  /** The nodes to render; in canvas mode only labelled ones, as invisible keyboard targets. */
  indices: number[];
  colors: string[];
  /** While something is hovered: the nodes on its paths; the others fade. */
  highlighted?: ReadonlySet<number>;
  /** False in canvas mode: the canvas paints nodes, these rects only take focus. */
  painted: boolean;
  describe: (node: number) => string;
  onFocusNode: (node: number, element: SVGRectElement) => void;
  onBlurNode: () => void;
  onActivateNode: (node: number, element: SVGRectElement, event: KeyboardEvent<SVGRectElement>) => void;
}

/**
 * Node bars. Each one is a keyboard stop: Tab moves through nodes, focus shows the same highlight
 * and tooltip as hovering, Enter or Space acts like a click.
 */
export const SankeyNodes = memo(function SankeyNodes({
  layout,
  indices,
  colors,
  highlighted,
  painted,
  describe,
  onFocusNode,
  onBlurNode,
  onActivateNode,
}: Props) {
  return (
    <g data-testid="sankey-nodes">
      {indices.map((index) => {
        const node = layout.nodes[index]!;
        return (
          <rect
            key={index}
            x={node.x0}
            y={node.y0}
            width={node.x1 - node.x0}
            height={Math.max(0.5, node.y1 - node.y0)}
            fill={painted ? colors[index] : 'transparent'}
            opacity={painted && highlighted && !highlighted.has(index) ? 0.3 : undefined}
            tabIndex={0}
            role="button"
            aria-label={describe(index)}
            data-node={index}
            onFocus={(event) => onFocusNode(index, event.currentTarget)}
            onBlur={onBlurNode}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onActivateNode(index, event.currentTarget, event);
              }
            }}
          />
        );
      })}
    </g>
  );
});
