import React, { useCallback, useMemo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, type LinkModel } from '@grafana/data';
import { useStyles2, useTheme2, VizTooltipContainer } from '@grafana/ui';
import { type ChordModel } from '../data/chordModel';
import { type ChordLayout } from '../layout/chordLayout';
import { type ChordOptions } from '../types';
import { ArcLayer } from './ArcLayer';
import { arcDrawer, ribbonDrawer } from './chordPaths';
import { GroupTooltipView, RibbonTooltipView } from './ChordTooltip';
import { IsolationChip } from './IsolationChip';
import { connectedGroups, ribbonsOfGroup } from './isolation';
import { LinksMenu } from './LinksMenu';
import { type ChordColors, ribbonRows } from './ribbonColors';
import { RibbonLayer } from './RibbonLayer';
import { ribbonShapes } from './ribbonShapes';
import { followLink, ribbonLinks } from './ribbonLinks';
import { groupTooltip, ribbonTooltip } from './tooltipContent';
import { type Hover, useChordInteraction } from './useChordInteraction';
import { valueText } from './fieldDisplay';

/** How much of its opacity the rest of the chord keeps while a group is isolated or a ribbon hovered. */
const fadeWhenIsolated = 0.12;
const fadeWhenRibbonHovered = 0.45;

interface Props {
  layout: ChordLayout;
  colors: ChordColors;
  model: ChordModel;
  options: ChordOptions;
}

const sameHover = (a: Hover | undefined, b: Hover | undefined) =>
  a?.kind === b?.kind && (a?.kind === 'group' ? a.index : a?.id) === (b?.kind === 'group' ? b.index : b?.id);

export function ChordGraphic({ layout, colors, model, options }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const interaction = useChordInteraction(layout);
  const { hover, setHover, pointer, setPointer, isolated, locked, toggleLock, reset, menu, setMenu } = interaction;

  const drawRibbon = useMemo(() => ribbonDrawer(layout), [layout]);
  const arcPaths = useMemo(() => layout.arcs.map(arcDrawer(layout)), [layout]);
  const connected = useMemo(
    () => (isolated === undefined ? undefined : connectedGroups(layout, isolated)),
    [layout, isolated]
  );
  const highlighted = useMemo(() => {
    const ribbons =
      isolated !== undefined
        ? ribbonsOfGroup(layout, isolated)
        : interaction.hoveredRibbon
          ? [interaction.hoveredRibbon]
          : [];
    return ribbons.map((ribbon) => ({ ribbon, shapes: ribbonShapes(ribbon, colors, drawRibbon) }));
  }, [layout, isolated, interaction.hoveredRibbon, drawRibbon, colors]);
  const baseOpacity = isolated !== undefined ? fadeWhenIsolated : interaction.hoveredRibbon ? fadeWhenRibbonHovered : 1;

  const changeHover = useCallback(
    (next: Hover | undefined) => setHover((current) => (sameHover(current, next) ? current : next)),
    [setHover]
  );
  const onArcEnter = useCallback(
    (index: number, element: Element) => {
      changeHover({ kind: 'group', index });
      const box = element.getBoundingClientRect();
      setPointer((current) => current ?? { x: box.left + box.width / 2, y: box.top + box.height / 2 });
    },
    [changeHover, setPointer]
  );
  const onArcLeave = useCallback(() => changeHover(undefined), [changeHover]);
  const ariaLabelOf = useCallback(
    (index: number) => {
      const group = layout.arcs[index]!.group;
      const field = model.frames[0]?.value;
      return `${group.name}: outgoing ${valueText(field, group.outgoing, theme)}, incoming ${valueText(field, group.incoming, theme)}`;
    },
    [layout, model, theme]
  );

  const ribbonAt = (event: React.PointerEvent | React.MouseEvent): number | undefined => {
    const marked = (event.target as Element).closest?.('[data-ribbon]');
    return marked ? Number(marked.getAttribute('data-ribbon')) : undefined;
  };

  const onPointerMove = (event: React.PointerEvent) => {
    const id = ribbonAt(event);
    if (id !== undefined) {
      changeHover({ kind: 'ribbon', id });
    } else if (hover?.kind === 'ribbon') {
      changeHover(undefined);
    }
    if (hover || id !== undefined) {
      setPointer({ x: event.clientX, y: event.clientY });
    }
  };

  const onClick = (event: React.MouseEvent) => {
    const id = ribbonAt(event);
    const ribbon = id === undefined ? undefined : layout.ribbons[id];
    if (!ribbon) {
      reset();
      return;
    }
    const links = ribbonLinks(ribbonRows(ribbon, model), model.frames);
    // Links have the "one click" flag since Grafana 11.6 only.
    const direct =
      links.length === 1 ? links[0] : links.find((link) => (link as LinkModel & { oneClick?: boolean }).oneClick);
    if (direct) {
      followLink(direct, event);
    } else if (links.length > 1) {
      setMenu({ x: event.clientX, y: event.clientY, links });
    }
  };

  const tooltip = useMemo(() => {
    if (!hover || menu) {
      return undefined;
    }
    if (hover.kind === 'group') {
      return <GroupTooltipView tooltip={groupTooltip(hover.index, layout, model, theme)} />;
    }
    const ribbon = layout.ribbons[hover.id];
    if (!ribbon) {
      return undefined;
    }
    const links = ribbonLinks(ribbonRows(ribbon, model), model.frames).length;
    return <RibbonTooltipView tooltip={ribbonTooltip(ribbon, layout, model, theme)} links={links} />;
  }, [hover, menu, layout, model, theme]);

  const lockedName = locked === undefined ? undefined : layout.arcs[locked]?.group.name;
  const centre = `translate(${layout.centerX},${layout.centerY})`;
  return (
    <div
      className={styles.root}
      style={{ width: layout.width, height: layout.height }}
      onPointerMove={onPointerMove}
      onPointerLeave={() => {
        changeHover(undefined);
        setPointer(undefined);
      }}
      onClick={onClick}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          reset();
          changeHover(undefined);
        }
      }}
    >
      {/* Ribbons get an SVG (and a compositor layer) of their own: fading them for isolation changes
          that layer's opacity instead of repainting thousands of paths. */}
      <svg
        width={layout.width}
        height={layout.height}
        className={styles.ribbons}
        style={{ opacity: baseOpacity }}
        aria-hidden
      >
        <g transform={centre}>
          <RibbonLayer ribbons={layout.ribbons} draw={drawRibbon} colors={colors} opacity={options.ribbonOpacity} />
        </g>
      </svg>
      <svg
        width={layout.width}
        height={layout.height}
        className={styles.overlay}
        role="group"
        aria-label={`Chord diagram: ${layout.arcs.length} groups, ${layout.ribbons.length} ribbons`}
      >
        <g transform={centre} className={styles.interactive}>
          <g data-testid="chord-highlight" fillOpacity={Math.max(options.ribbonOpacity, 0.8)}>
            {highlighted.flatMap(({ ribbon, shapes }) =>
              shapes.map((shape, band) => (
                <path
                  key={`${ribbon.id}-${band}`}
                  d={shape.d}
                  fill={shape.fill}
                  data-ribbon={ribbon.id}
                  className={hover?.kind === 'ribbon' && hover.id === ribbon.id ? styles.hovered : undefined}
                />
              ))
            )}
          </g>
          <ArcLayer
            layout={layout}
            paths={arcPaths}
            colors={colors.arcs}
            connected={connected}
            locked={locked}
            onEnter={onArcEnter}
            onLeave={onArcLeave}
            onToggle={toggleLock}
            ariaLabelOf={ariaLabelOf}
          />
        </g>
      </svg>
      {lockedName !== undefined && <IsolationChip name={lockedName} onReset={reset} />}
      {tooltip && pointer && (
        <VizTooltipContainer position={pointer} offset={{ x: 16, y: 16 }}>
          {tooltip}
        </VizTooltipContainer>
      )}
      {menu && <LinksMenu x={menu.x} y={menu.y} links={menu.links} onClose={() => setMenu(undefined)} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ position: 'relative', overflow: 'hidden' }),
  ribbons: css({ position: 'absolute', left: 0, top: 0, display: 'block', willChange: 'opacity' }),
  // The overlay covers the ribbons: only what it draws takes the pointer, the rest falls through.
  overlay: css({ position: 'absolute', left: 0, top: 0, display: 'block', pointerEvents: 'none' }),
  interactive: css({ pointerEvents: 'visiblePainted' }),
  hovered: css({ stroke: theme.colors.text.primary, strokeWidth: 1, fillOpacity: 1 }),
});
