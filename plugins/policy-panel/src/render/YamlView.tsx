import React, { memo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type YamlDocumentText } from '../data/selectedYaml';

const lineHeight = 1.5;

/**
 * The selection's YAML, read-only. Not @grafana/ui's CodeEditor: Monaco is loaded by Grafana's app from
 * its own files (absent in the e2e host), and a viewer needs no editor. One block per policy, each
 * skipped by the browser's layout and paint while scrolled out of view (content-visibility, sized
 * from its line count), so a thousand policies cost what the visible ones do, and unticking one
 * redraws one block, not the whole text. Its text, block after block, is exactly the YAML copied.
 */
export function YamlView({ documents }: { documents: YamlDocumentText[] }) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.pane} aria-label="YAML of the selected policies">
      {documents.length === 0 ? (
        <p className={styles.empty}>Nothing selected: tick policies to see their YAML here.</p>
      ) : (
        // Focusable so that keyboard users can scroll it.
        <div className={styles.code} tabIndex={0} data-testid="policy-yaml">
          {documents.map((document) => (
            <YamlBlock key={document.policyKey} text={document.text} lines={document.lines} />
          ))}
        </div>
      )}
    </section>
  );
}

const YamlBlock = memo(function YamlBlock({ text, lines }: { text: string; lines: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.block} style={{ containIntrinsicSize: `auto ${lines * lineHeight}em` }}>
      {text}
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  pane: css({
    flex: 1,
    minWidth: 0,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    background: theme.colors.background.canvas,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  code: css({
    flex: 1,
    padding: theme.spacing(1),
    overflow: 'auto',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight,
    color: theme.colors.text.primary,
    whiteSpace: 'pre',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  block: css({ contentVisibility: 'auto', width: 'max-content', minWidth: '100%' }),
  empty: css({ margin: 'auto', padding: theme.spacing(2), color: theme.colors.text.secondary, textAlign: 'center' }),
});
