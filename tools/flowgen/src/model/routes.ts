import { FlowEndReason, FlowType, PolicyType, Protocol, RuleAction } from '@flowlens/flow-schema';
import type { RouteFields } from '../columns.ts';
import type { Route } from '../record.ts';
import type { Cluster, Endpoint } from './cluster.ts';
import type { Conversation, Destination } from './conversations.ts';
import type { PolicyRule } from './policies.ts';

/** How the simulation treats a route's connections, decided by the policies it meets. */
export interface ConnectionBehaviour {
  readonly outcome: 'allowed' | 'dropped' | 'rejected';
  readonly protocol: Protocol;
  /** Seconds without packets after which conntrack forgets the flow (UDP and dropped flows). */
  readonly idleSeconds: number;
  readonly finalReason: FlowEndReason;
  readonly activeTcpState: string;
  readonly finalTcpState: string;
}

export interface SimulatedRoute extends Route {
  readonly behaviour: ConnectionBehaviour;
}

// Antrea's defaults: idleFlowExportTimeout 15 s.
const idleFlowExportSeconds = 15;

export function buildRoute(
  cluster: Cluster,
  conversation: Conversation,
  source: Endpoint,
  destination: Destination
): SimulatedRoute {
  const target = destination.endpoint;
  const egressDenies = denies(conversation.egressRule);
  // A connection its egress rule denied never reaches the destination's ingress rules.
  const ingressRule = egressDenies ? undefined : conversation.ingressRule;
  const deciding = egressDenies ? conversation.egressRule : denies(ingressRule) ? ingressRule : undefined;
  const outcome = deciding === undefined ? 'allowed' : deciding.action === RuleAction.reject ? 'rejected' : 'dropped';
  const gateway =
    source.kind === 'pod' && target.kind === 'external' && !egressDenies
      ? cluster.egressGatewayFor(source.namespace)
      : undefined;

  const fields: RouteFields = {
    sourceIP: source.ip,
    destinationIP: target.ip,
    destinationTransportPort: destination.port,
    protocolIdentifier: destination.protocol,
    sourcePodName: source.kind === 'pod' ? source.name : '',
    sourcePodNamespace: source.kind === 'pod' ? source.namespace : '',
    sourceNodeName: source.kind === 'pod' ? source.node.name : '',
    destinationPodName: target.kind === 'pod' ? target.name : '',
    destinationPodNamespace: target.kind === 'pod' ? target.namespace : '',
    destinationNodeName: target.kind === 'pod' ? target.node.name : '',
    destinationClusterIP: destination.service?.clusterIP ?? '',
    // Antrea 2.7+ sends the Service IP under both names.
    destinationServiceIP: destination.service?.clusterIP ?? '',
    destinationServicePort: destination.service?.port ?? 0,
    destinationServicePortName: destination.service?.portName ?? '',
    ingressNetworkPolicyName: ingressRule?.policyName ?? '',
    ingressNetworkPolicyNamespace: ingressRule?.policyNamespace ?? '',
    ingressNetworkPolicyRuleName: ingressRule?.ruleName ?? '',
    ingressNetworkPolicyRuleAction: ingressRule?.action ?? RuleAction.none,
    ingressNetworkPolicyType: ingressRule?.type ?? PolicyType.none,
    egressNetworkPolicyName: conversation.egressRule?.policyName ?? '',
    egressNetworkPolicyNamespace: conversation.egressRule?.policyNamespace ?? '',
    egressNetworkPolicyRuleName: conversation.egressRule?.ruleName ?? '',
    egressNetworkPolicyRuleAction: conversation.egressRule?.action ?? RuleAction.none,
    egressNetworkPolicyType: conversation.egressRule?.type ?? PolicyType.none,
    flowType: flowTypeOf(source, target),
    sourcePodLabels: source.kind === 'pod' ? source.labelsJson : '',
    destinationPodLabels: target.kind === 'pod' ? target.labelsJson : '',
    clusterUUID: cluster.uuid,
    egressName: gateway?.name ?? '',
    egressIP: gateway?.ip ?? '',
    // Only Antrea's L7 flow export fills these, and flowgen simulates no L7 visibility.
    appProtocolName: '',
    httpVals: '',
    egressNodeName: gateway?.nodeName ?? '',
    trusted: 0,
  };

  const tcp = destination.protocol === Protocol.tcp;
  const exporter = source.kind === 'pod' ? source.node : target.kind === 'pod' ? target.node : undefined;
  if (!exporter) {
    throw new Error(`flowgen conversation "${conversation.name}" has neither end inside the cluster`);
  }
  return {
    fields,
    exporterPollOffset: exporter.pollOffset,
    sourceIsExternal: source.kind === 'external',
    seenByDestinationNode: target.kind === 'pod' && !egressDenies,
    behaviour: {
      outcome,
      protocol: destination.protocol,
      idleSeconds: outcome === 'dropped' || !tcp ? idleFlowExportSeconds : 0,
      finalReason:
        outcome === 'allowed' && tcp
          ? FlowEndReason.endOfFlow
          : outcome === 'rejected'
            ? FlowEndReason.endOfFlow
            : FlowEndReason.idleTimeout,
      // Denied connections never enter conntrack, so they have no TCP state.
      activeTcpState: tcp && outcome === 'allowed' ? 'ESTABLISHED' : '',
      finalTcpState: tcp && outcome === 'allowed' ? 'TIME_WAIT' : '',
    },
  };
}

export function flowTypeOf(source: Endpoint, destination: Endpoint): FlowType {
  if (source.kind === 'external') {
    return FlowType.fromExternal;
  }
  if (destination.kind === 'external') {
    return FlowType.toExternal;
  }
  return source.node === destination.node ? FlowType.intraNode : FlowType.interNode;
}

function denies(rule: PolicyRule | undefined): boolean {
  return rule !== undefined && (rule.action === RuleAction.drop || rule.action === RuleAction.reject);
}
