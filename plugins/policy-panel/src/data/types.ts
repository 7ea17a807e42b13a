/** The policy review model: what the panel shows, built from the frames by policyModel.ts. */
export type RuleDirection = 'ingress' | 'egress';

/** Lines [start, end) of a policy's own YAML text, 0-based. */
export interface LineRange {
  start: number;
  end: number;
}

/** One ingress or egress rule of a policy, in words and as the lines it occupies. */
export interface PolicyRule {
  /** Stable across refreshes while the rule says the same (its name, which shifts, left out). */
  key: string;
  direction: RuleDirection;
  /** Position in the policy's ingress or egress list. */
  index: number;
  range: LineRange;
  content: Record<string, unknown>;
  summary: RuleSummary;
}

export interface RuleSummary {
  /** The rule's name (Antrea) or "Ingress rule 2". */
  title: string;
  /** Allow, Drop, Reject, Pass (Antrea); Kubernetes rules only allow. */
  action: string;
  /** "from shop: app=api" / "to 10.0.0.0/8" / "to any peer". */
  peers: string;
  /** "TCP 8080, UDP 53" / "any port". */
  ports: string;
}

/** Where a policy's ingress or egress list sits, to rewrite it as `[]` when every rule is left out. */
export interface RuleListLocation {
  direction: RuleDirection;
  keyLine: number;
  keyIndent: number;
  keySource: string;
  valueRange: LineRange;
}

/** A policy read from its YAML. */
export interface PolicyDocument {
  kind: string;
  apiVersion: string;
  /** '' for cluster-scoped policies. */
  namespace: string;
  name: string;
  /** The document's own lines, without `---` markers. */
  lines: string[];
  ruleLists: RuleListLocation[];
  rules: PolicyRule[];
}

/** A row of the recommendation: a policy to review, or what is wrong with it. */
export interface ReviewedPolicy {
  /** kind, apiVersion, namespace and name: the same policy keeps its key across refreshes. */
  key: string;
  kind: string;
  apiVersion: string;
  /** '' for cluster-scoped policies. */
  namespace: string;
  name: string;
  /** The pods it applies to, in words (the backend's appliedTo). */
  appliedTo: string;
  /** Observed connections its rules allow, when the frame says. */
  connections?: number;
  /** The frame's `observed` cell: a JSON array of connection descriptions, read when shown. */
  observed?: string;
  document?: PolicyDocument;
  /** Why the policy cannot be reviewed (its YAML does not parse …); then it has no document. */
  problem?: string;
}

export interface PolicyGroup {
  /** The namespace, or '' for the cluster-wide group. */
  namespace: string;
  title: string;
  policies: ReviewedPolicy[];
}

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface PolicyReviewModel {
  policies: ReviewedPolicy[];
  groups: PolicyGroup[];
  /** The backend's notices (frame meta) and the panel's own about the data. */
  notices: Notice[];
}
