// The one place flowlens-ingest takes the flows schema, policy_events columns and Antrea's codes
// from: flowgen's exports today, a shared facts package after that refactor lands.
export {
  FlowEndReason,
  FlowType,
  PolicyType,
  Protocol,
  RuleAction,
  flowColumns,
  policyEventColumns,
  type FlowRecord,
  type PolicyEvent,
} from '@flowlens/flowgen';
