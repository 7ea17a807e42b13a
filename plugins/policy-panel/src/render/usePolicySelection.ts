import { useCallback, useState } from 'react';
import { initialSelection, type PolicySelection, setAll, setPolicies, setRule } from '../data/selection';

export interface SelectionActions {
  selection: PolicySelection;
  setPolicies(policyKeys: string[], selected: boolean): void;
  setRule(policyKey: string, ruleKey: string, selected: boolean): void;
  setAll(selected: boolean): void;
}

/**
 * The user's selection, kept by this panel instance across data refreshes: it is keyed by policy and
 * rule identity (data/selection.ts), so new data needs no reset.
 */
export function usePolicySelection(startSelected: boolean): SelectionActions {
  const [selection, setSelection] = useState(() => initialSelection(startSelected));
  return {
    selection,
    setPolicies: useCallback((keys, selected) => setSelection((s) => setPolicies(s, keys, selected)), []),
    setRule: useCallback((policy, rule, selected) => setSelection((s) => setRule(s, policy, rule, selected)), []),
    setAll: useCallback((selected) => setSelection(setAll(selected)), []),
  };
}
