import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2 } from '@grafana/ui';
import { describeSkipped, type SkippedRows, skippedTotal } from '../data/skippedRows';

interface Props {
  skipped: SkippedRows;
  notices: string[];
}

/**
 * A quiet corner note when rows were left out or options point at missing fields: the chord still
 * draws, and the reason is one hover away instead of a silently smaller total.
 */
export function DataNotices({ skipped, notices }: Props) {
  const styles = useStyles2(getStyles);
  const skippedRows = skippedTotal(skipped);
  if (skippedRows === 0 && notices.length === 0) {
    return null;
  }
  const lines = [...describeSkipped(skipped), ...notices];
  const summary = [
    skippedRows > 0 && `${skippedRows} ${skippedRows === 1 ? 'row' : 'rows'} not drawn`,
    notices.length > 0 && `${notices.length} ${notices.length === 1 ? 'notice' : 'notices'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip
      content={
        <ul className={styles.list}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      }
      placement="top-start"
    >
      <button type="button" className={styles.note} aria-label={`${summary}: ${lines.join('; ')}`}>
        ⓘ {summary}
      </button>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({
    position: 'absolute',
    left: 0,
    bottom: 0,
    border: 'none',
    background: 'none',
    padding: theme.spacing(0.25, 0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'help',
  }),
  list: css({ margin: 0, paddingLeft: theme.spacing(2) }),
});
