import { describe, expect, it } from 'vitest';
import { decidingRuleActionSql, deniedSql, FlowType, Protocol, RuleAction, ruleActions } from '../src/index.ts';

describe('flow codes', () => {
  it('name every code once, in code order', () => {
    expect(RuleAction).toEqual({ none: 0, allow: 1, drop: 2, reject: 3 });
    expect(FlowType).toEqual({ intraNode: 1, interNode: 2, toExternal: 3, fromExternal: 4 });
    expect(Protocol.tcp).toBe(6);
    expect(ruleActions.map((entry) => entry.code)).toEqual([0, 1, 2, 3]);
  });

  it('decide a flow by a drop or reject on either side first, then an allow', () => {
    expect(decidingRuleActionSql).toBe(
      'CASE WHEN ingressNetworkPolicyRuleAction IN (2, 3) THEN ingressNetworkPolicyRuleAction WHEN egressNetworkPolicyRuleAction IN (2, 3) THEN egressNetworkPolicyRuleAction WHEN ingressNetworkPolicyRuleAction = 1 OR egressNetworkPolicyRuleAction = 1 THEN 1 ELSE 0 END'
    );
    expect(deniedSql).toBe('(ingressNetworkPolicyRuleAction IN (2, 3) OR egressNetworkPolicyRuleAction IN (2, 3))');
  });
});
