import { type RuleDirection } from './types';

/** JSON with object keys sorted, so equal rules give equal text whatever order their keys are in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Keys that identify rules across refreshes of the data: the direction and what the rule says. The
 * name is left out because Antrea rule names are numbered (allow-ingress-2) and shift when a rule is
 * added before; identical rules are told apart by their order.
 */
export function ruleKeys(rules: Array<{ direction: RuleDirection; content: Record<string, unknown> }>): string[] {
  const seen = new Map<string, number>();
  return rules.map(({ direction, content }) => {
    const { name: _name, ...rest } = content;
    const base = `${direction}:${canonicalJson(rest)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
}
