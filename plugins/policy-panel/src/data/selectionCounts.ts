import { isPolicySelected, isRuleSelected, type PolicySelection } from './selection';
import { type ReviewedPolicy } from './types';

export interface SelectionCounts {
  /** Policies that can be reviewed (their YAML was read). */
  reviewable: number;
  selected: number;
  /** Rules left out of the selected policies. */
  rulesLeftOut: number;
  /** Policies whose YAML could not be read: never in the YAML. */
  unreadable: number;
}

export function selectionCounts(policies: ReviewedPolicy[], selection: PolicySelection): SelectionCounts {
  const counts: SelectionCounts = { reviewable: 0, selected: 0, rulesLeftOut: 0, unreadable: 0 };
  for (const policy of policies) {
    if (!policy.document) {
      counts.unreadable++;
      continue;
    }
    counts.reviewable++;
    if (isPolicySelected(selection, policy.key)) {
      counts.selected++;
      counts.rulesLeftOut += policy.document.rules.filter(
        (rule) => !isRuleSelected(selection, policy.key, rule.key)
      ).length;
    }
  }
  return counts;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** "3 of 12 policies selected · 2 rules left out · 1 policy unreadable" */
export function describeCounts(counts: SelectionCounts): string {
  return [
    `${counts.selected.toLocaleString('en-US')} of ${plural(counts.reviewable, 'policy', 'policies')} selected`,
    counts.rulesLeftOut > 0 && `${plural(counts.rulesLeftOut, 'rule')} left out`,
    counts.unreadable > 0 && `${plural(counts.unreadable, 'policy', 'policies')} cannot be read`,
  ]
    .filter(Boolean)
    .join(' · ');
}
