import type { LinkModel } from '@grafana/data';
import { Portal, VizTooltipContainer, VizTooltipContent, VizTooltipFooter, VizTooltipHeader } from '@grafana/ui';
import React from 'react';
import type { TooltipContent } from './tooltipContent';

interface Props {
  content: TooltipContent;
  x: number;
  y: number;
  pinned: boolean;
  links: LinkModel[];
}

/** Grafana's own tooltip parts, so the Sankey's tooltip looks like every other panel's. */
export function SankeyTooltip({ content, x, y, pinned, links }: Props) {
  return (
    <Portal>
      <VizTooltipContainer
        position={{ x, y }}
        offset={{ x: 12, y: 12 }}
        allowPointerEvents={pinned}
        data-testid="sankey-tooltip"
      >
        <VizTooltipHeader item={content.header} isPinned={pinned} />
        <VizTooltipContent items={content.items} isPinned={pinned} />
        {pinned && links.length > 0 && <VizTooltipFooter dataLinks={links} />}
      </VizTooltipContainer>
    </Portal>
  );
}
