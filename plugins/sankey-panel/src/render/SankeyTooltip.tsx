import { css } from '@emotion/css';
import type { GrafanaTheme2, LinkModel } from '@grafana/data';
import { Portal, useStyles2, VizTooltipContainer } from '@grafana/ui';
import React from 'react';
import { followLink } from './dataLinks';
import type { TooltipContent } from './tooltipContent';

interface Props {
  content: TooltipContent;
  x: number;
  y: number;
  pinned: boolean;
  links: LinkModel[];
}

/**
 * Grafana's tooltip container with our own header, lines and links: the tooltip parts Grafana 13 exports
 * (VizTooltipHeader, VizTooltipContent, VizTooltipFooter) do not exist in Grafana 11, which we support.
 */
export function SankeyTooltip({ content, x, y, pinned, links }: Props) {
  const styles = useStyles2(getStyles);
  const { header, items } = content;
  return (
    <Portal>
      <VizTooltipContainer
        position={{ x, y }}
        offset={{ x: 12, y: 12 }}
        allowPointerEvents={pinned}
        data-testid="sankey-tooltip"
      >
        <div className={styles.header}>
          <span className={styles.label}>{header.label}</span>
          <span className={styles.headerValue}>
            {header.color && <span className={styles.swatch} style={{ background: header.color }} />}
            {header.value}
          </span>
        </div>
        <table className={styles.items}>
          <tbody>
            {items.map((item) => (
              <tr key={item.label}>
                <th scope="row">{item.label}</th>
                <td>{item.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pinned && links.length > 0 && (
          <div className={styles.links}>
            {links.map((link, index) => (
              <a
                key={index}
                href={link.href}
                target={link.target}
                title={link.title}
                onClick={(event) => {
                  event.preventDefault();
                  followLink(link, event);
                }}
              >
                {link.title}
              </a>
            ))}
          </div>
        )}
      </VizTooltipContainer>
    </Portal>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    display: 'flex',
    flexDirection: 'column',
    paddingBottom: theme.spacing(0.5),
    marginBottom: theme.spacing(0.5),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  label: css({ color: theme.colors.text.secondary }),
  headerValue: css({ fontWeight: theme.typography.fontWeightMedium, wordBreak: 'break-all' }),
  swatch: css({
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: theme.shape.radius.default,
    marginRight: theme.spacing(0.75),
  }),
  items: css({
    borderCollapse: 'collapse',
    'th, td': { padding: `1px 0`, verticalAlign: 'top' },
    th: {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightRegular,
      textAlign: 'left',
      paddingRight: theme.spacing(2),
    },
    td: { textAlign: 'right', whiteSpace: 'nowrap' },
  }),
  links: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    paddingTop: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
    borderTop: `1px solid ${theme.colors.border.weak}`,
    a: { color: theme.colors.text.link },
  }),
});
