import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, ClipboardButton, useStyles2 } from '@grafana/ui';
import { describeCounts, type SelectionCounts } from '../data/selectionCounts';
import { downloadYaml, yamlFileName } from './downloadYaml';

interface Props {
  counts: SelectionCounts;
  yaml: string;
  fileName: string;
  onSelectAll(selected: boolean): void;
}

/** What is selected, the shortcuts to select everything or nothing, and the YAML's way out. */
export function ReviewToolbar({ counts, yaml, fileName, onSelectAll }: Props) {
  const styles = useStyles2(getStyles);
  const empty = yaml === '';
  return (
    <div className={styles.toolbar}>
      <span className={styles.summary} role="status" aria-live="polite">
        {describeCounts(counts)}
      </span>
      <div className={styles.actions}>
        <Button size="sm" variant="secondary" fill="text" onClick={() => onSelectAll(true)}>
          Select all
        </Button>
        <Button size="sm" variant="secondary" fill="text" onClick={() => onSelectAll(false)}>
          Select none
        </Button>
        <ClipboardButton size="sm" variant="secondary" icon="copy" getText={() => yaml} disabled={empty}>
          Copy YAML
        </ClipboardButton>
        <Button
          size="sm"
          variant="secondary"
          icon="download-alt"
          disabled={empty}
          tooltip={empty ? undefined : `Save as ${yamlFileName(fileName)}`}
          onClick={() => downloadYaml(yaml, fileName)}
        >
          Download
        </Button>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    flexShrink: 0,
  }),
  summary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  actions: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5), alignItems: 'center' }),
});
