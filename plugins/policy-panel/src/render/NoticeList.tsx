import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, type IconName } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { type Notice } from '../data/types';

const icons: Record<Notice['severity'], IconName> = {
  error: 'exclamation-circle',
  warning: 'exclamation-triangle',
  info: 'info-circle',
};

/**
 * The recommendation's own notices (frame meta): errors and warnings change what the YAML means, so
 * they sit above it, not one hover away; the list scrolls when there are many.
 */
export function NoticeList({ notices }: { notices: Notice[] }) {
  const styles = useStyles2(getStyles);
  if (notices.length === 0) {
    return null;
  }
  const order: Array<Notice['severity']> = ['error', 'warning', 'info'];
  const sorted = [...notices].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  return (
    // Focusable so that keyboard users can scroll a long list.
    <ul className={styles.list} aria-label="Notices from the recommendation" tabIndex={0}>
      {sorted.map((notice, i) => (
        <li key={i} className={styles[notice.severity]}>
          <Icon name={icons[notice.severity]} aria-label={notice.severity} className={styles.icon} />
          <span>{notice.text}</span>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const item = css({ display: 'flex', gap: theme.spacing(0.75), alignItems: 'flex-start' });
  return {
    list: css({
      listStyle: 'none',
      margin: 0,
      padding: theme.spacing(0.5, 1),
      maxHeight: '25%',
      flexShrink: 0,
      overflowY: 'auto',
      fontSize: theme.typography.bodySmall.fontSize,
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    }),
    icon: css({ flexShrink: 0, marginTop: 1 }),
    error: css(item, { color: theme.colors.error.text }),
    warning: css(item, { color: theme.colors.warning.text }),
    info: css(item, { color: theme.colors.text.secondary }),
  };
};
