import type { LabelSelector } from '../policyTypes.ts';

/** Kubernetes label selector semantics: every matchLabels pair and every expression must hold; {} selects all. */
export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const listed = present && (expression.values ?? []).includes(value!);
    const holds = {
      In: listed,
      NotIn: !listed,
      Exists: present,
      DoesNotExist: !present,
    }[expression.operator];
    if (!holds) return false;
  }
  return true;
}
