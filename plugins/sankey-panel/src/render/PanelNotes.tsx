import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

export const notesHeight = 18;

/**
 * A one-line account of what the panel left out (bad values, hidden and folded links), so a
 * smaller-than-expected picture is never a silent one. The full list is in the tooltip.
 */
export function PanelNotes({ notes }: { notes: string[] }) {
  const styles = useStyles2(getStyles);
  if (notes.length === 0) {
    return null;
  }
  return (
    <Tooltip
      content={
        <div className={styles.list}>
          {notes.map((note) => (
            <div key={note}>{note}</div>
          ))}
        </div>
      }
      placement="top"
    >
      <div className={styles.notes} data-testid="sankey-notes" tabIndex={0} role="note">
        <Icon name="info-circle" size="sm" />
        <span className={styles.text}>{notes.join(' ')}</span>
      </div>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  notes: css({
    height: notesHeight,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  text: css({ overflow: 'hidden', textOverflow: 'ellipsis' }),
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
});
