import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { type KeyboardEvent, type MouseEvent, type SyntheticEvent, useCallback, useMemo } from 'react';
import { nodeTotals } from '../data/nodeTotals';
import { buildPathIndex, flowThrough, type PathIndex } from '../data/pathFlow';
import { skippedSummary } from '../data/skippedSummary';
import type { SankeyGraph } from '../data/types';
import { buildHitIndex, type Hit } from '../layout/hitIndex';
import { layoutSankey } from '../layout/sankeyLayout';
import type { SankeyOptions } from '../types';
import { CanvasLinks } from './CanvasLinks';
import { dataLinksFor, directLink, followLink } from './dataLinks';
import { linkPaints } from './linkColors';
import { linkPathData } from './linkPath';
import { ColumnHeaders, NodeLabels } from './NodeLabels';
import { nodeDisplays } from './nodeDisplay';
import { notesHeight, PanelNotes } from './PanelNotes';
import { chooseRenderer } from './rendererChoice';
import { SankeyNodes } from './SankeyNodes';
import { SankeyTooltip } from './SankeyTooltip';
import { SvgFlowHighlight, SvgLinks } from './SvgLinks';
import { tooltipContent } from './tooltipContent';
import { useChartFocus } from './useChartFocus';
import { pageTextWidth } from './pageTextWidth';
import { useFontsLoaded } from './useFontsLoaded';
import { percentText, valueFormatter } from './valueText';

interface Props {
  graph: SankeyGraph;
  options: SankeyOptions;
  width: number;
  height: number;
  /** Distinguishes this panel's SVG gradient ids from other Sankeys on the dashboard. */
  instanceId: string;
}

const fontSize = 12;
/** Share of the link opacity left to links off the hovered paths. */
const dimming = 0.25;

/**
 * Draws a graph: colours and labels from the field config, positions from the layout, links as
 * SVG or canvas, and hover, focus and click behaviour shared by both.
 */
export function SankeyChart({ graph, options, width, height, instanceId }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const totals = useMemo(() => nodeTotals(graph), [graph]);
  const displays = useMemo(() => nodeDisplays(graph, totals.value, theme), [graph, totals, theme]);
  const format = useMemo(() => valueFormatter(graph.valueField, theme), [graph, theme]);
  const notes = useMemo(() => skippedSummary(graph.notes, options.otherLabel), [graph, options.otherLabel]);
  const chartHeight = Math.max(0, height - (notes.length > 0 ? notesHeight : 0));
  const renderer = chooseRenderer(options.renderer, graph.links.length, graph.nodes.length);
  const fontsLoaded = useFontsLoaded();

  const layoutInput = useMemo(
    () => ({
      nodes: graph.nodes.map((node, index) => ({
        column: node.column,
        isOther: node.isOther,
        label:
          options.nodeLabels === 'nameAndValue'
            ? `${displays[index]!.text} · ${format(totals.value[index]!)}`
            : displays[index]!.text,
      })),
      links: graph.links,
      columnTitles: graph.columns.map((column) => column.title),
    }),
    [graph, displays, format, totals, options.nodeLabels]
  );
  const layout = useMemo(
    () =>
      layoutSankey(
        layoutInput,
        {
          width,
          height: chartHeight,
          nodeAlign: options.nodeAlign,
          nodeSort: options.nodeSort,
          nodeWidth: options.nodeWidth,
          nodePadding: options.nodePadding,
          iterations: options.iterations,
          showHeaders: options.showHeaders,
          showLabels: options.nodeLabels !== 'none',
          fontSize,
        },
        pageTextWidth
      ),
    // fontsLoaded is not read by the layout, but label widths change once the page's fonts load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      layoutInput,
      width,
      chartHeight,
      options.nodeAlign,
      options.nodeSort,
      options.nodeWidth,
      options.nodePadding,
      options.iterations,
      options.showHeaders,
      options.nodeLabels,
      fontsLoaded,
    ]
  );
  const paints = useMemo(
    () => linkPaints(graph, displays, options.linkColor, options.singleColor, theme),
    [graph, displays, options.linkColor, options.singleColor, theme]
  );
  const nodeColors = useMemo(() => displays.map((display) => display.color), [displays]);
  const paths = useMemo(() => (renderer === 'svg' ? layout.links.map(linkPathData) : []), [layout, renderer]);
  const gradientId = useCallback((link: number) => `${instanceId}-link-${link}`, [instanceId]);
  const hitAt = useMemo(() => buildHitIndex(layout), [layout]);
  const { focus, locate, onMouseMove, onMouseLeave, release, focusOn, pin, clear } = useChartFocus(hitAt);

  // Built on first hover only: a dashboard that is never hovered never pays for it.
  const pathIndex = useMemo(() => {
    let index: PathIndex | undefined;
    return () => (index ??= buildPathIndex(graph));
  }, [graph]);
  const hit = focus?.hit;
  const flow = useMemo(() => (hit ? flowThrough(graph, pathIndex(), hit) : undefined), [graph, pathIndex, hit]);
  const highlighted = useMemo(() => {
    if (!flow || !hit) {
      return undefined;
    }
    const nodes = new Set<number>(hit.kind === 'node' ? [hit.index] : []);
    graph.links.forEach((link, index) => {
      if (flow[index]! > 0) {
        nodes.add(link.source);
        nodes.add(link.target);
      }
    });
    return nodes;
  }, [graph, flow, hit]);

  const originOf = useCallback(
    (target: NonNullable<Hit>) =>
      target.kind === 'node' ? graph.nodes[target.index]?.origin : graph.links[target.index]?.origin,
    [graph]
  );
  const activate = useCallback(
    (target: NonNullable<Hit>, x: number, y: number, event: SyntheticEvent) => {
      const direct = directLink(dataLinksFor(originOf(target)));
      if (direct) {
        followLink(direct, event);
        return;
      }
      pin(target, x, y);
    },
    [originOf, pin]
  );

  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      // Clicks inside the (portalled) tooltip bubble here through React; they are the tooltip's.
      if (!event.currentTarget.contains(event.target as Node)) {
        return;
      }
      const target = locate(event);
      if (target) {
        activate(target, event.clientX, event.clientY, event);
      } else {
        clear();
      }
    },
    [locate, activate, clear]
  );
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key === 'Escape') {
        clear();
      }
    },
    [clear]
  );

  const describe = useCallback(
    (node: number) =>
      `${graph.columns[graph.nodes[node]!.column]?.title ?? ''} ${displays[node]!.text}: ${format(totals.value[node]!)}, ${percentText(
        totals.value[node]!,
        graph.total
      )} of total`,
    [graph, displays, format, totals]
  );
  const onFocusNode = useCallback(
    (node: number, element: SVGRectElement) => {
      const box = element.getBoundingClientRect();
      focusOn({ kind: 'node', index: node }, box.right, box.top);
    },
    [focusOn]
  );
  const onActivateNode = useCallback(
    (node: number, element: SVGRectElement, event: SyntheticEvent) => {
      const box = element.getBoundingClientRect();
      activate({ kind: 'node', index: node }, box.right, box.top, event);
    },
    [activate]
  );
  const focusableNodes = useMemo(
    () => (renderer === 'svg' ? layout.nodes.map((_, index) => index) : layout.labels.map((label) => label.node)),
    [layout, renderer]
  );

  const highlightOpacity = Math.min(1, options.linkOpacity + 0.35);
  const tooltip =
    focus &&
    tooltipContent(focus.hit, {
      graph,
      totals,
      displays,
      paints,
      format,
    });
  const summary = `Sankey of ${graph.columns.map((column) => column.title).join(' → ')}: ${graph.nodes.length} nodes, ${graph.links.length} links`;

  return (
    <div className={styles.wrapper} style={{ width, height }}>
      <div
        className={styles.chart}
        style={{ width, height: chartHeight, cursor: focus ? 'pointer' : 'default' }}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        onClick={onClick}
        onKeyDown={onKeyDown}
        data-testid="flowlens-sankey"
        data-renderer={renderer}
      >
        {renderer === 'canvas' && (
          <CanvasLinks
            layout={layout}
            paints={paints}
            nodeColors={nodeColors}
            opacity={options.linkOpacity}
            className={flow ? styles.dimmed : undefined}
          />
        )}
        {renderer === 'canvas' && flow && (
          <CanvasLinks
            layout={layout}
            paints={paints}
            nodeColors={nodeColors}
            opacity={highlightOpacity}
            flow={flow}
            nodes={highlighted}
          />
        )}
        <svg width={width} height={chartHeight} className={styles.svg} role="group" aria-label={summary}>
          {options.showHeaders && <ColumnHeaders layout={layout} className={styles.headers} />}
          {renderer === 'svg' && (
            <g strokeOpacity={flow ? options.linkOpacity * dimming : options.linkOpacity}>
              <SvgLinks layout={layout} paths={paths} paints={paints} gradientId={gradientId} />
            </g>
          )}
          {renderer === 'svg' && flow && (
            <g strokeOpacity={highlightOpacity}>
              <SvgFlowHighlight layout={layout} paths={paths} paints={paints} gradientId={gradientId} flow={flow} />
            </g>
          )}
          <SankeyNodes
            layout={layout}
            indices={focusableNodes}
            colors={nodeColors}
            highlighted={highlighted}
            painted={renderer === 'svg'}
            describe={describe}
            onFocusNode={onFocusNode}
            onBlurNode={release}
            onActivateNode={onActivateNode}
          />
          <NodeLabels layout={layout} className={styles.labels} highlighted={highlighted} />
        </svg>
      </div>
      <PanelNotes notes={notes} />
      {focus && tooltip && (
        <SankeyTooltip
          content={tooltip}
          x={focus.x}
          y={focus.y}
          pinned={focus.pinned}
          links={focus.pinned ? dataLinksFor(originOf(focus.hit)) : []}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', overflow: 'hidden' }),
  chart: css({ position: 'relative' }),
  svg: css({
    position: 'absolute',
    left: 0,
    top: 0,
    overflow: 'visible',
    'rect[role="button"]': { cursor: 'pointer', outline: 'none' },
    'rect[role="button"]:focus-visible': { stroke: theme.colors.primary.border, strokeWidth: 2 },
  }),
  dimmed: css({ opacity: dimming }),
  labels: css({
    fontFamily: theme.typography.fontFamily,
    fontSize,
    // Grafana's body letter spacing would widen labels past the widths the layout measured.
    letterSpacing: 'normal',
    fill: theme.colors.text.primary,
    // A halo in the panel background keeps labels legible where they cross links.
    paintOrder: 'stroke',
    stroke: theme.colors.background.primary,
    strokeWidth: 3,
    strokeLinejoin: 'round',
    pointerEvents: 'none',
  }),
  headers: css({
    fontFamily: theme.typography.fontFamily,
    fontSize,
    letterSpacing: 'normal',
    fontWeight: theme.typography.fontWeightMedium,
    fill: theme.colors.text.secondary,
  }),
});
