/**
 * The Kubernetes and Antrea policy objects FlowLens writes, typed as their APIs define them
 * (networking.k8s.io/v1 NetworkPolicy; crd.antrea.io/v1beta1 NetworkPolicy and ClusterNetworkPolicy),
 * limited to the fields recommendations use.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

export interface IpBlock {
  cidr: string;
  except?: string[];
}

export type PortProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface PolicyPort {
  protocol: PortProtocol;
  port?: number;
}

export interface KubernetesPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IpBlock;
}

export interface KubernetesNetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    podSelector: LabelSelector;
    policyTypes: Array<'Ingress' | 'Egress'>;
    ingress?: Array<{ from?: KubernetesPeer[]; ports?: PolicyPort[] }>;
    egress?: Array<{ to?: KubernetesPeer[]; ports?: PolicyPort[] }>;
  };
}

export type AntreaAction = 'Allow' | 'Drop' | 'Reject' | 'Pass';

export interface AntreaPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IpBlock;
}

export interface AntreaProtocol {
  icmp?: Record<string, never>;
}

export interface AntreaRule {
  name: string;
  action: AntreaAction;
  from?: AntreaPeer[];
  to?: AntreaPeer[];
  toServices?: Array<{ name: string; namespace: string }>;
  ports?: PolicyPort[];
  protocols?: AntreaProtocol[];
}

export type AntreaTier = 'platform' | 'application' | 'baseline';

export interface AntreaPolicySpec {
  tier: AntreaTier;
  priority: number;
  appliedTo: AntreaPeer[];
  ingress?: AntreaRule[];
  egress?: AntreaRule[];
}

export interface AntreaNetworkPolicy {
  apiVersion: 'crd.antrea.io/v1beta1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: AntreaPolicySpec;
}

export interface AntreaClusterNetworkPolicy {
  apiVersion: 'crd.antrea.io/v1beta1';
  kind: 'ClusterNetworkPolicy';
  metadata: { name: string; labels: Record<string, string> };
  spec: AntreaPolicySpec;
}

export type RecommendedPolicy = KubernetesNetworkPolicy | AntreaNetworkPolicy | AntreaClusterNetworkPolicy;

/** Labels on every policy FlowLens writes, so an operator can find (and remove) them. */
export const recommendedByLabel = { 'app.kubernetes.io/managed-by': 'flowlens' } as const;

/** The label Kubernetes gives every Namespace (1.21+): how policies select a namespace by name. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';
