import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type GroupTooltip, type RibbonTooltip } from './tooltipContent';

export function GroupTooltipView({ tooltip }: { tooltip: GroupTooltip }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid="chord-tooltip">
      <div className={styles.title}>{tooltip.title}</div>
      <table className={styles.table}>
        <tbody>
          {tooltip.facts.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className={styles.number}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tooltip.members && (
        <ul className={styles.members}>
          {tooltip.members.map((member) => (
            <li key={member}>{member}</li>
          ))}
        </ul>
      )}
      <div className={styles.hint}>Click to isolate or release this group</div>
    </div>
  );
}

export function RibbonTooltipView({ tooltip, links }: { tooltip: RibbonTooltip; links: number }) {
  const styles = useStyles2(getStyles);
  const showEndpoints = tooltip.sections.some((section) => section.lines.some((line) => line.endpoints));
  const showColor = tooltip.sections.some((section) => section.lines.some((line) => line.color));
  return (
    <div className={styles.box} data-testid="chord-tooltip">
      <div className={styles.title}>{tooltip.title}</div>
      <div className={styles.total}>{tooltip.total}</div>
      {tooltip.sections.map((section) => (
        <table key={section.heading} className={styles.table}>
          {tooltip.sections.length > 1 && (
            <caption className={styles.caption}>
              {section.heading}: {section.total}
            </caption>
          )}
          <thead>
            <tr>
              {showEndpoints && <th>Flow</th>}
              {showColor && <th>{tooltip.colorName}</th>}
              {tooltip.detailNames.map((name) => (
                <th key={name}>{name}</th>
              ))}
              <th className={styles.number}>Value</th>
              <th className={styles.number}>Rows</th>
            </tr>
          </thead>
          <tbody>
            {section.lines.map((line, index) => (
              <tr key={index}>
                {showEndpoints && <td>{line.endpoints}</td>}
                {showColor && (
                  <td>
                    {line.color && (
                      <>
                        <span className={styles.swatch} style={{ background: line.color.color }} />
                        {line.color.text}
                      </>
                    )}
                  </td>
                )}
                {line.details.map((detail, column) => (
                  <td key={column}>{detail}</td>
                ))}
                <td className={styles.number}>{line.value}</td>
                <td className={styles.number}>{line.count}</td>
              </tr>
            ))}
            {section.more && (
              <tr>
                <td colSpan={(showEndpoints ? 1 : 0) + (showColor ? 1 : 0) + tooltip.detailNames.length + 2}>
                  … {section.more.rows} more {section.more.rows === 1 ? 'row' : 'rows'}, {section.more.value}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      ))}
      {links > 0 && (
        <div className={styles.hint}>Click to open {links === 1 ? 'the data link' : `one of ${links} data links`}</div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    maxWidth: 560,
    padding: theme.spacing(1),
    // Grafana 11 has no elevated background yet; its panel background is the nearest.
    background: (theme.colors.background as { elevated?: string }).elevated ?? theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, wordBreak: 'break-all' }),
  total: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(0.5) }),
  caption: css({ textAlign: 'left', color: theme.colors.text.secondary, paddingTop: theme.spacing(0.5) }),
  table: css({
    borderCollapse: 'collapse',
    width: '100%',
    'th, td': { padding: `1px ${theme.spacing(0.75)} 1px 0`, textAlign: 'left', verticalAlign: 'top' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular },
  }),
  number: css({ textAlign: 'right !important' as 'right', whiteSpace: 'nowrap' }),
  swatch: css({
    display: 'inline-block',
    width: 8,
    height: 8,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
  }),
  members: css({ margin: `${theme.spacing(0.5)} 0 0`, paddingLeft: theme.spacing(2), wordBreak: 'break-all' }),
  hint: css({ marginTop: theme.spacing(0.5), color: theme.colors.text.secondary }),
});
