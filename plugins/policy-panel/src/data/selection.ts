/**
 * Which policies and rules the user keeps. Stored as differences from a base (everything selected, or
 * nothing) keyed by policy and rule identity, so it outlives a refresh: a policy that is still
 * recommended keeps its choice, a new one takes the base, one that is gone is simply not shown.
 */
export interface PolicySelection {
  /** Whether a policy nobody toggled is selected. */
  base: boolean;
  /** Policies whose selection differs from the base, by policy key. */
  toggled: ReadonlySet<string>;
  /** Rules left out, by policy key then rule key; remembered while their policy is deselected. */
  excludedRules: ReadonlyMap<string, ReadonlySet<string>>;
}

export function initialSelection(base: boolean): PolicySelection {
  return { base, toggled: new Set(), excludedRules: new Map() };
}

export function isPolicySelected(selection: PolicySelection, policyKey: string): boolean {
  return selection.base !== selection.toggled.has(policyKey);
}

export function isRuleSelected(selection: PolicySelection, policyKey: string, ruleKey: string): boolean {
  return !(selection.excludedRules.get(policyKey)?.has(ruleKey) ?? false);
}

/** Selects or deselects these policies (one, or a namespace's), leaving the others as they are. */
export function setPolicies(selection: PolicySelection, policyKeys: string[], selected: boolean): PolicySelection {
  const toggled = new Set(selection.toggled);
  for (const key of policyKeys) {
    if (selected === selection.base) toggled.delete(key);
    else toggled.add(key);
  }
  return { ...selection, toggled };
}

/** Everything as recommended, or nothing: rule choices are reset too. */
export function setAll(selected: boolean): PolicySelection {
  return initialSelection(selected);
}

export function setRule(
  selection: PolicySelection,
  policyKey: string,
  ruleKey: string,
  selected: boolean
): PolicySelection {
  const excludedRules = new Map(selection.excludedRules);
  const rules = new Set(excludedRules.get(policyKey));
  if (selected) rules.delete(ruleKey);
  else rules.add(ruleKey);
  if (rules.size > 0) excludedRules.set(policyKey, rules);
  else excludedRules.delete(policyKey);
  return { ...selection, excludedRules };
}
