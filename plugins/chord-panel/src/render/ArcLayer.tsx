import React, { memo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { labelFont } from '../layout/arcLabels';
import { type ArcLayout, type ChordLayout } from '../layout/chordLayout';

interface Props {
  layout: ChordLayout;
  paths: string[];
  colors: string[];
  /** Arcs connected to the isolated group (itself included); undefined when nothing is isolated. */
  connected?: Set<number>;
  locked?: number;
  onEnter: (index: number, target: Element) => void;
  onLeave: () => void;
  onToggle: (index: number) => void;
  ariaLabelOf: (index: number) => string;
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

function labelTransform(arc: ArcLayout, radius: number): string {
  const angle = arc.label!.angle;
  return `rotate(${degrees(angle) - 90}) translate(${radius},0)${arc.label!.flipped ? ' rotate(180)' : ''}`;
}

/**
 * Arcs and their labels. Arcs are keyboard-reachable buttons: Enter or Space isolates a group the way a
 * click does. Labels take clicks and hovers like their arc.
 */
export const ArcLayer = memo(function ArcLayer(props: Props) {
  const { layout, paths, colors, connected, locked, onEnter, onLeave, onToggle, ariaLabelOf } = props;
  const styles = useStyles2(getStyles);
  return (
    <g data-testid="chord-arcs">
      {layout.arcs.map((arc) => {
        const faded = connected !== undefined && !connected.has(arc.index);
        const handlers = {
          onPointerEnter: (event: React.PointerEvent<Element>) => onEnter(arc.index, event.currentTarget),
          onPointerLeave: onLeave,
          onClick: (event: React.MouseEvent) => {
            event.stopPropagation();
            onToggle(arc.index);
          },
        };
        return (
          <g key={arc.group.key} className={faded ? styles.faded : undefined} data-arc={arc.index}>
            <path
              d={paths[arc.index]}
              fill={colors[arc.index]}
              className={styles.arc}
              role="button"
              tabIndex={0}
              aria-label={ariaLabelOf(arc.index)}
              aria-pressed={locked === arc.index}
              onFocus={(event) => onEnter(arc.index, event.currentTarget)}
              onBlur={onLeave}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onToggle(arc.index);
                }
              }}
              {...handlers}
            />
            {arc.label && (
              <g transform={labelTransform(arc, layout.labelRadius)} className={styles.label} {...handlers}>
                {arc.label.lines.map((line) => (
                  <text
                    key={line.kind}
                    y={line.y}
                    dominantBaseline="central"
                    textAnchor={arc.label!.flipped ? 'end' : 'start'}
                    className={line.kind === 'namespace' ? styles.namespace : styles.name}
                  >
                    {line.text}
                  </text>
                ))}
              </g>
            )}
          </g>
        );
      })}
    </g>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  arc: css({
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible': { stroke: theme.colors.primary.main, strokeWidth: 2 },
  }),
  label: css({ cursor: 'pointer' }),
  name: css({ fill: theme.colors.text.primary, fontSize: labelFont.name, fontFamily: theme.typography.fontFamily }),
  namespace: css({
    fill: theme.colors.text.secondary,
    fontSize: labelFont.namespace,
    fontFamily: theme.typography.fontFamily,
  }),
  faded: css({ opacity: 0.25 }),
});
