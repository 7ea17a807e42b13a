import type { RecommendQuery } from '../types';
import { granularities, policyTypes, recommendDefaults } from './recommendVocabulary';

/** A new recommendation: the backend's defaults, written out only where the editor shows a choice. */
export const defaultRecommendQuery: RecommendQuery = { version: 1 };

/** A complete model from whatever a dashboard holds; unknown fields are kept for the backend to name. */
export function normalizeRecommendQuery(recommend: Partial<RecommendQuery> | undefined): RecommendQuery {
  return { ...recommend, version: recommend?.version ?? 1 };
}

const labelOf = (terms: ReadonlyArray<{ value: string; label: string }>, value: string) =>
  terms.find((term) => term.value === value)?.label ?? value;

/** One line for query lists and history: "Policy recommendation · Kubernetes NetworkPolicy · Per workload · shop, dev". */
export function describeRecommendQuery(recommend: RecommendQuery): string {
  const parts = [
    'Policy recommendation',
    labelOf(policyTypes, recommend.policyType ?? recommendDefaults.policyType),
    labelOf(granularities, recommend.granularity ?? recommendDefaults.granularity),
  ];
  if (recommend.namespaces && recommend.namespaces.length > 0) {
    parts.push(`namespaces ${recommend.namespaces.join(', ')}`);
  }
  if (recommend.runType === 'subsequent') {
    parts.push('subsequent run');
  }
  return parts.join(' · ');
}

/** Every text of the model that may hold a template variable. */
export function recommendTexts(recommend: RecommendQuery): string[] {
  return Object.values(recommend).flatMap((value) =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : []
  );
}
