import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/**
 * The selection's YAML, read-only. A plain pre in the theme's code font and colours rather than
 * @grafana/ui's CodeEditor: Monaco is loaded by Grafana's app from its own files (so it is absent in
 * the e2e host and in public dashboards' lighter pages), and a viewer needs no editor — a pre lays out
 * tens of thousands of lines at the cost of one text node.
 */
export function YamlView({ yaml }: { yaml: string }) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.pane} aria-label="YAML of the selected policies">
      {yaml === '' ? (
        <p className={styles.empty}>Nothing selected: tick policies to see their YAML here.</p>
      ) : (
        // Focusable so that keyboard users can scroll it.
        <pre className={styles.code} tabIndex={0} data-testid="policy-yaml">
          {yaml}
        </pre>
      )}
    </section>
  );
}

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
    margin: 0,
    padding: theme.spacing(1),
    overflow: 'auto',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: 1.5,
    color: theme.colors.text.primary,
    background: 'transparent',
    border: 'none',
    whiteSpace: 'pre',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  empty: css({ margin: 'auto', padding: theme.spacing(2), color: theme.colors.text.secondary, textAlign: 'center' }),
});
