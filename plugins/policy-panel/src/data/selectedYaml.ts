import { isPolicySelected, isRuleSelected, type PolicySelection } from './selection';
import { type PolicyDocument, type ReviewedPolicy } from './types';

/** The lines of a text without the blank ones at its end, ending in one newline. */
function asText(lines: string[]): string {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return `${lines.slice(0, end).join('\n')}\n`;
}

/**
 * A policy's YAML without the rules left out, cut from its own text line by line, so everything else
 * (order, quoting, comments) stays as the recommendation wrote it. A list whose every rule is left out
 * becomes `[]`: for a Kubernetes NetworkPolicy that still names the direction in policyTypes, that
 * means its pods accept (or send) nothing in that direction.
 */
export function policyYaml(document: PolicyDocument, isIncluded: (ruleKey: string) => boolean): string {
  const excluded = document.rules.filter((rule) => !isIncluded(rule.key));
  if (excluded.length === 0) {
    return asText(document.lines);
  }
  const lines: Array<string | undefined> = [...document.lines];
  const drop = (start: number, end: number) => lines.fill(undefined, start, end);
  for (const rule of excluded) {
    drop(rule.range.start, rule.range.end);
  }
  for (const list of document.ruleLists) {
    const rules = document.rules.filter((rule) => rule.direction === list.direction);
    if (rules.length > 0 && rules.every((rule) => !isIncluded(rule.key))) {
      drop(list.valueRange.start, list.valueRange.end);
      lines[list.keyLine] = `${' '.repeat(list.keyIndent)}${list.keySource}: []`;
    }
  }
  return asText(lines.filter((line): line is string => line !== undefined));
}

/** The selected policies that can be applied: selected, and read without a problem. */
export function selectedPolicies(policies: ReviewedPolicy[], selection: PolicySelection): ReviewedPolicy[] {
  return policies.filter((policy) => policy.document && isPolicySelected(selection, policy.key));
}

/** One document of the selection's YAML, with the `---` that separates it from the one before. */
export interface YamlDocumentText {
  policyKey: string;
  text: string;
  lines: number;
}

/** The selection's YAML document by document, so a view can redraw only the policy that changed. */
export function selectionDocuments(policies: ReviewedPolicy[], selection: PolicySelection): YamlDocumentText[] {
  return selectedPolicies(policies, selection).map((policy, i) => {
    const yaml = policyYaml(policy.document!, (ruleKey) => isRuleSelected(selection, policy.key, ruleKey));
    const text = i === 0 ? yaml : `---\n${yaml}`;
    return { policyKey: policy.key, text, lines: text.split('\n').length - 1 };
  });
}

/** The selection as one multi-document YAML, ready for `kubectl apply -f`; empty when nothing is selected. */
export function selectionYaml(policies: ReviewedPolicy[], selection: PolicySelection): string {
  return joinDocuments(selectionDocuments(policies, selection));
}

export const joinDocuments = (documents: YamlDocumentText[]) => documents.map((document) => document.text).join('');
