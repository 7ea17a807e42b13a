import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';
import React, { useState } from 'react';
import type { Engine } from '../types';
import type { CompiledState } from './useCompiledSql';

const engineNames: Record<Engine, string> = { clickhouse: 'ClickHouse', snowflake: 'Snowflake' };

interface Props {
  state: CompiledState;
  engine: Engine;
  /** Switch to SQL mode starting from this SQL. */
  onEditAsSql: (sql: string) => void;
}

/**
 * The SQL a builder query runs, as the backend compiled it: with macros (the same text on both
 * engines) or expanded for this engine and time range. Compile errors show here, before running.
 */
export function SqlPreview({ state, engine, onEditAsSql }: Props) {
  const styles = useStyles2(getStyles);
  const [shown, setShown] = useState<'portable' | 'expanded'>('portable');

  if (state.status === 'idle') {
    return null;
  }
  if (state.status === 'unavailable') {
    return (
      <Text variant="bodySmall" color="secondary">
        The SQL preview needs a newer FlowLens backend (the compile resource); the query still runs.
      </Text>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert severity="error" title="This builder query cannot run" topSpacing={1}>
        {state.message}
      </Alert>
    );
  }
  const compiled = state.status === 'ready' ? state.compiled : undefined;
  const expanded = shown === 'expanded' ? compiled?.expandedSql : undefined;
  const text = expanded ?? compiled?.sql ?? '';
  return (
    <div className={styles.preview}>
      <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
        <Text variant="bodySmall" weight="medium">
          SQL this query runs
        </Text>
        <Stack gap={1} alignItems="center">
          {compiled?.expandedSql && (
            <RadioButtonGroup
              size="sm"
              options={[
                { label: 'With macros', value: 'portable' as const },
                { label: `Expanded for ${engineNames[engine]}`, value: 'expanded' as const },
              ]}
              value={shown}
              onChange={setShown}
            />
          )}
          <ClipboardButton
            size="sm"
            variant="secondary"
            fill="text"
            icon="copy"
            getText={() => text}
            disabled={!compiled}
          >
            Copy
          </ClipboardButton>
          <Button
            size="sm"
            variant="secondary"
            icon="pen"
            disabled={!compiled}
            onClick={() => compiled && onEditAsSql(compiled.sql)}
          >
            Edit as SQL
          </Button>
        </Stack>
      </Stack>
      <pre className={styles.sql} aria-label="Generated SQL" aria-busy={state.status === 'loading'}>
        {compiled ? text : 'Compiling…'}
      </pre>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css({ marginTop: theme.spacing(1) }),
  sql: css({
    marginTop: theme.spacing(0.5),
    marginBottom: 0,
    maxHeight: 240,
    overflow: 'auto',
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre-wrap',
  }),
});
