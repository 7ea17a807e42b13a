import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** Says which group a click isolated and offers the way back, which otherwise only Esc and the background know. */
export function IsolationChip({ name, onReset }: { name: string; onReset: () => void }) {
  const styles = useStyles2(getStyles);
  return (
    <button
      type="button"
      className={styles.chip}
      onClick={(event) => {
        event.stopPropagation();
        onReset();
      }}
      aria-label={`Showing only ${name}; show all groups`}
    >
      {name} ✕
    </button>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chip: css({
    position: 'absolute',
    left: 0,
    top: 0,
    maxWidth: '50%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.background.secondary,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.25, 1),
    cursor: 'pointer',
  }),
});
