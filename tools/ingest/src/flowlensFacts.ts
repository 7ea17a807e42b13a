// The one place flowlens-ingest takes the flows schema, policy_events columns and Antrea's codes
// from: the codes from @flowlens/flow-schema, the wire columns and policy events from flowgen.
export { FlowEndReason, FlowType, PolicyType, Protocol, RuleAction } from '@flowlens/flow-schema';
export { flowColumns, policyEventColumns, type FlowRecord, type PolicyEvent } from '@flowlens/flowgen';
