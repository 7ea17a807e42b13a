import React, { memo, useId, useState } from 'react';
import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Checkbox, useStyles2 } from '@grafana/ui';
import { type ReviewedPolicy } from '../data/types';
import { ObservedList } from './ObservedList';
import { policyFacts } from './policyFacts';
import { RuleList } from './RuleList';
import { type SelectionActions } from './usePolicySelection';

interface Props {
  policy: ReviewedPolicy;
  selected: boolean;
  /** This policy's rules left out; the same set object until they change, so unchanged rows skip rendering. */
  excludedRules: ReadonlySet<string> | undefined;
  actions: Pick<SelectionActions, 'setPolicies' | 'setRule'>;
  showObserved: boolean;
}

/** One policy: its checkbox, what it applies to and allows, and on expand its rules and connections. */
export const PolicyItem = memo(function PolicyItem({ policy, selected, excludedRules, actions, showObserved }: Props) {
  const styles = useStyles2(getStyles);
  const [expanded, setExpanded] = useState(false);
  const detailsId = useId();
  const { document } = policy;
  if (!document) {
    return (
      <li className={styles.item}>
        <div className={styles.row}>
          <span className={styles.spacer} />
          <Checkbox label={policy.name} value={false} disabled />
        </div>
        <div className={cx(styles.facts, styles.problem)}>
          {policy.kind} {policy.name} is left out: {policy.problem}
        </div>
      </li>
    );
  }
  const showConnections = showObserved && policy.observed !== undefined;
  return (
    <li className={styles.item}>
      <div className={styles.row}>
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon={expanded ? 'angle-down' : 'angle-right'}
          aria-expanded={expanded}
          aria-controls={detailsId}
          aria-label={`${expanded ? 'Hide' : 'Show'} the rules${showConnections ? ' and observed connections' : ''} of ${policy.name}`}
          onClick={() => setExpanded(!expanded)}
        />
        <Checkbox label={policy.name} value={selected} onChange={() => actions.setPolicies([policy.key], !selected)} />
      </div>
      <div className={styles.facts}>{policyFacts(policy, document, excludedRules, showObserved).join(' · ')}</div>
      {expanded && (
        <div id={detailsId} className={styles.details}>
          <RuleList
            policy={policy}
            document={document}
            policySelected={selected}
            excludedRules={excludedRules}
            onChange={actions.setRule}
          />
          {showConnections && <ObservedList policyName={policy.name} cell={policy.observed!} />}
        </div>
      )}
    </li>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  // Off-screen policies skip layout and paint (sized as one collapsed row until drawn once).
  item: css({ padding: theme.spacing(0.25, 0), contentVisibility: 'auto', containIntrinsicSize: 'auto 56px' }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  // Keeps an unreadable policy's checkbox in line with the others, which follow an expand button.
  spacer: css({ width: theme.spacing(3), flexShrink: 0 }),
  facts: css({
    paddingLeft: theme.spacing(6.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
  problem: css({ color: theme.colors.error.text }),
  details: css({ paddingLeft: theme.spacing(6.5), paddingTop: theme.spacing(0.5) }),
});
