import { field, float64Vector, stringVector } from '../frames/fieldVectors.ts';
import type { Frame, FrameNotice } from '../frames/frame.ts';
import type { Recommendation } from './recommendation.ts';

/**
 * A recommendation as Grafana frames: `policies` (one row per policy: kind, apiVersion, namespace,
 * name, appliedTo, rules, connections, yaml, observed as JSON lines) and `recommendation` (the whole set
 * as one multi-document YAML). Field names are a contract: the policy review panel reads them.
 */
export function recommendationFrames(
  refId: string,
  recommendation: Recommendation,
  sql: string,
  notices: FrameNotice[]
): Frame[] {
  const rows = recommendation.policies;
  const policies: Frame = {
    name: 'policies',
    refId,
    fields: [
      field('kind', 'string', stringVector(rows.map((row) => row.policy.kind))),
      field('apiVersion', 'string', stringVector(rows.map((row) => row.policy.apiVersion))),
      field(
        'namespace',
        'string',
        stringVector(rows.map((row) => ('namespace' in row.policy.metadata ? row.policy.metadata.namespace : '')))
      ),
      field('name', 'string', stringVector(rows.map((row) => row.policy.metadata.name))),
      field('appliedTo', 'string', stringVector(rows.map((row) => row.appliedTo))),
      field('rules', 'number', float64Vector(rows.map((row) => row.ruleCount))),
      field('connections', 'number', float64Vector(rows.map((row) => row.connections)), {
        config: { displayName: 'Observed connections allowed' },
      }),
      field('yaml', 'string', stringVector(rows.map((row) => row.yaml))),
      field('observed', 'string', stringVector(rows.map((row) => JSON.stringify(row.observed)))),
    ],
    meta: {
      executedQueryString: sql,
      preferredVisualisationType: 'table',
      ...(notices.length > 0 ? { notices } : {}),
      custom: { unallowedConnections: recommendation.unallowedConnections },
    },
  };
  const whole: Frame = {
    name: 'recommendation',
    refId,
    fields: [
      field('yaml', 'string', stringVector([recommendation.yaml])),
      field('policies', 'number', float64Vector([rows.length])),
    ],
    meta: { preferredVisualisationType: 'table' },
  };
  return [policies, whole];
}
