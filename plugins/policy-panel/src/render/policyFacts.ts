import { type PolicyDocument, type ReviewedPolicy } from '../data/types';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** The line under a policy's name: kind, the pods it applies to, its rules, what it allows. */
export function policyFacts(
  policy: ReviewedPolicy,
  document: PolicyDocument,
  excludedRules: ReadonlySet<string> | undefined,
  showObserved: boolean
): string[] {
  const rules = document.rules.length;
  const kept = document.rules.filter((rule) => !excludedRules?.has(rule.key)).length;
  return [
    policy.kind,
    policy.appliedTo && `applies to ${policy.appliedTo}`,
    kept < rules ? `${kept} of ${plural(rules, 'rule')}` : plural(rules, 'rule'),
    showObserved && policy.connections !== undefined && `allows ${plural(policy.connections, 'observed connection')}`,
  ].filter((fact): fact is string => typeof fact === 'string' && fact !== '');
}
