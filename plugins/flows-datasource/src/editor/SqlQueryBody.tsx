import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';
import type { FlowsDataSource } from '../datasource';
import { MacroHelp } from '../sqlEditor/MacroHelp';
import { SqlEditor } from '../sqlEditor/SqlEditor';
import { useCompletionSource } from './useCompletionSource';

interface Props {
  datasource: FlowsDataSource;
  sql: string;
  onSqlChange: (sql: string) => void;
  onSqlBlur?: (sql: string) => void;
  onRun: () => void;
  showMacroHelp: boolean;
}

/** The SQL mode: editor, a one-line hint, the macro table on demand, and why autocomplete is limited. */
export function SqlQueryBody({ datasource, sql, onSqlChange, onSqlBlur, onRun, showMacroHelp }: Props) {
  const styles = useStyles2(getStyles);
  const { completionSource, schemaError } = useCompletionSource(datasource);
  return (
    <div>
      <SqlEditor
        value={sql}
        onChange={onSqlChange}
        onBlur={onSqlBlur}
        onRun={onRun}
        completionSource={completionSource}
      />
      <div className={styles.hint}>
        Ctrl/Cmd+Enter runs the query · type <code>$</code> for macros and variables · table and column names complete
        as you type
        {schemaError && (
          <span className={styles.warning} role="status">
            <Icon name="exclamation-triangle" size="sm" /> No table or column suggestions: {schemaError}
          </span>
        )}
      </div>
      {showMacroHelp && <MacroHelp engine={datasource.engine} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  hint: css({
    marginTop: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  warning: css({ marginLeft: theme.spacing(1), color: theme.colors.warning.text }),
});
