import { RuleAction } from './codes.ts';

const ingress = 'ingressNetworkPolicyRuleAction';
const egress = 'egressNetworkPolicyRuleAction';
const blocked = `${RuleAction.drop}, ${RuleAction.reject}`;

/**
 * The rule action that decided a flow, as portable SQL: a drop or reject on either side wins, then an
 * allow on either side, else no policy. The builder's `ruleAction` and the dashboards share it.
 */
export const decidingRuleActionSql = `CASE WHEN ${ingress} IN (${blocked}) THEN ${ingress} WHEN ${egress} IN (${blocked}) THEN ${egress} WHEN ${ingress} = ${RuleAction.allow} OR ${egress} = ${RuleAction.allow} THEN ${RuleAction.allow} ELSE ${RuleAction.none} END`;

/** Flows a NetworkPolicy dropped or rejected, on either side. */
export const deniedSql = `(${ingress} IN (${blocked}) OR ${egress} IN (${blocked}))`;
