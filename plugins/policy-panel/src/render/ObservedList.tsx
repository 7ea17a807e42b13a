import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { readObserved } from '../data/observedConnections';

/** The backend lists at most this many kinds of connection per policy (recommendation.ts). */
const backendListLimit = 100;

/** The observed connections a policy allows, busiest first, read from its cell when first shown. */
export function ObservedList({ policyName, cell }: { policyName: string; cell: string }) {
  const styles = useStyles2(getStyles);
  const observed = useMemo(() => readObserved(cell), [cell]);
  if (observed.kind === 'problem') {
    return <p className={styles.problem}>{observed.message}</p>;
  }
  const count = observed.connections.length;
  if (count === 0) {
    return <p className={styles.heading}>No observed connection needs this policy.</p>;
  }
  return (
    <>
      <p className={styles.heading}>
        Observed connections it allows, busiest first (connections in brackets)
        {count >= backendListLimit ? `; the ${backendListLimit} busiest kinds are listed` : ''}:
      </p>
      <ol className={styles.connections} aria-label={`Observed connections ${policyName} allows`}>
        {observed.connections.map((connection, i) => (
          <li key={i}>{connection}</li>
        ))}
      </ol>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({
    margin: theme.spacing(0.5, 0, 0),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  connections: css({
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
  problem: css({ margin: 0, color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});
