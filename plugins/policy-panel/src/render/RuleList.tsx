import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, useStyles2 } from '@grafana/ui';
import { type PolicyDocument, type PolicyRule, type ReviewedPolicy } from '../data/types';

interface Props {
  policy: ReviewedPolicy;
  document: PolicyDocument;
  /** Rules of a policy left out are shown but cannot be picked: the whole policy is out. */
  policySelected: boolean;
  excludedRules: ReadonlySet<string> | undefined;
  onChange(policyKey: string, ruleKey: string, selected: boolean): void;
}

export const ruleLabel = (rule: PolicyRule) =>
  `${rule.summary.title}: ${rule.summary.action} ${rule.summary.peers} on ${rule.summary.ports}`;

/** A policy's ingress and egress rules, each with a checkbox: unticked rules leave its YAML. */
export function RuleList({ policy, document, policySelected, excludedRules, onChange }: Props) {
  const styles = useStyles2(getStyles);
  if (document.rules.length === 0) {
    return <p className={styles.none}>No ingress or egress rules.</p>;
  }
  return (
    <ul className={styles.rules} aria-label={`Rules of ${policy.name}`}>
      {document.rules.map((rule) => {
        const kept = !excludedRules?.has(rule.key);
        return (
          <li key={rule.key}>
            <Checkbox
              label={ruleLabel(rule)}
              value={kept}
              disabled={!policySelected}
              onChange={() => onChange(policy.key, rule.key, !kept)}
            />
          </li>
        );
      })}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  rules: css({ listStyle: 'none', margin: 0, padding: 0, fontSize: theme.typography.bodySmall.fontSize }),
  none: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
