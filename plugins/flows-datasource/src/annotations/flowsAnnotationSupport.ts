import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';
import { AnnotationQueryEditor } from '../editor/AnnotationQueryEditor';
import { defaultAnnotationQuery } from '../query/defaultQueries';
import type { FlowsQuery } from '../types';

/**
 * Annotations the standard way for backend datasources: Grafana runs `target` through QueryData and
 * turns the frame's `time`, `timeEnd`, `text`, `tags` (and `title`) columns into events, with its
 * field-mapping UI below our editor. SQL, or anomaly detection (its `anomalies` output has those
 * columns); not the builder, which returns metrics, not event text.
 */
export const flowsAnnotationSupport: AnnotationSupport<FlowsQuery> = {
  QueryEditor: AnnotationQueryEditor,

  getDefaultQuery: () => defaultAnnotationQuery,

  /** Accepts a bare SQL string (`query` or `rawQuery`, as other SQL datasources store) as the target. */
  prepareAnnotation(json: AnnotationQuery<FlowsQuery>): AnnotationQuery<FlowsQuery> {
    if (json.target) {
      return json;
    }
    const legacySql = [json.rawQuery, json.query].find((value): value is string => typeof value === 'string');
    return legacySql === undefined
      ? json
      : { ...json, target: { refId: 'Anno', queryType: 'sql', format: 'table', rawSql: legacySql } };
  },

  /** Always a table: the time-series format would pivot the text and tags columns away. */
  prepareQuery(annotation: AnnotationQuery<FlowsQuery>): FlowsQuery | undefined {
    const target = annotation.target;
    if (target?.queryType === 'detectAnomalies') {
      return {
        ...target,
        refId: target.refId || 'Anno',
        format: 'table',
        detect: { ...target.detect, version: 1, output: 'anomalies' },
      };
    }
    if (!target || (target.rawSql ?? '').trim() === '') {
      return undefined;
    }
    return { ...target, refId: target.refId || 'Anno', queryType: 'sql', format: 'table' };
  },
};
