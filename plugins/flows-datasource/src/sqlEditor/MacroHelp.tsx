import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';
import type { Engine } from '../types';
import { macros } from './macros';

const quoting: Record<Engine, string> = {
  clickhouse: "ClickHouse literals escape ' and \\ with a backslash: 'it\\'s'.",
  snowflake: "Snowflake literals double ' and escape \\ with a backslash: 'it''s'.",
};

/** The macros and variable rules, next to the editor: what each expands to and an example. */
export function MacroHelp({ engine }: { engine: Engine }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.help} aria-label="Macro help">
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Macro</th>
            <th>Meaning</th>
            <th>Example</th>
          </tr>
        </thead>
        <tbody>
          {macros.map((macro) => (
            <tr key={macro.name}>
              <td>
                <code>{macro.usage}</code>
              </td>
              <td>{macro.description}</td>
              <td>
                <code>{macro.example}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.note}>
        Template variables: a multi-value or All variable becomes a list of quoted values, for{' '}
        <code>col IN ($var)</code>; a single-value variable is escaped but not quoted, for{' '}
        <code>col = &apos;$var&apos;</code>. {quoting[engine]} Type <code>$</code> in the editor for macros and
        variables; Ctrl/Cmd+Enter runs the query.
      </p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  help: css({
    marginTop: theme.spacing(1),
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowX: 'auto',
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    code: { whiteSpace: 'nowrap' },
  }),
  note: css({ margin: theme.spacing(1, 0, 0), color: theme.colors.text.secondary }),
});
