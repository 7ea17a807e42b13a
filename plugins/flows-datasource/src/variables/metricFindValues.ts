import type { DataFrame, MetricFindValue } from '@grafana/data';
import { normalizeBuilderQuery } from '../builder/builderQuery';
import { queryTypeOf } from '../query/queryType';
import type { FlowsQuery } from '../types';

/** The columns a variable query's values come from: a builder question's group-by fields, else undefined (SQL). */
export function variableGroupBy(query: FlowsQuery): string[] | undefined {
  return queryTypeOf(query) === 'flows' ? normalizeBuilderQuery(query.flows).groupBy : undefined;
}

/**
 * A variable query's rows as variable options. SQL: the first column is the value, the second (when
 * present) the text shown in the picker. A Flows builder question (`groupBy` given): every value of
 * its group-by columns, once each, in the order of the rows (busiest first); its metric only ranks
 * them. So grouping by source and destination namespace gives the namespaces at either end.
 * Empty cells are skipped: Grafana cannot select them, and a builder group is empty for an address
 * outside the cluster (no namespace) or a flow no policy matched.
 */
export function metricFindValues(frames: DataFrame[], groupBy?: readonly string[]): MetricFindValue[] {
  const frame = frames.find((candidate) => candidate.fields.length > 0);
  if (!frame) {
    return [];
  }
  if (groupBy) {
    return groupValues(frame, groupBy);
  }
  const [valueField, textField] = frame.fields;
  const options: MetricFindValue[] = [];
  for (let row = 0; row < valueField!.values.length; row++) {
    const value = valueField!.values[row];
    if (value === null || value === undefined) {
      continue;
    }
    const text = textField?.values[row];
    options.push({ value: String(value), text: String(text ?? value) });
  }
  return options;
}

function groupValues(frame: DataFrame, groupBy: readonly string[]): MetricFindValue[] {
  const fields = groupBy.map((key) => {
    const field = frame.fields.find((candidate) => candidate.name === key);
    if (!field) {
      // The backend names each group column by its key; another name means a different answer shape.
      throw new Error(`the builder's answer has no "${key}" column to take variable values from`);
    }
    return field;
  });
  const seen = new Set<string>();
  const options: MetricFindValue[] = [];
  const rows = fields[0]?.values.length ?? 0;
  for (let row = 0; row < rows; row++) {
    for (const field of fields) {
      const cell = field.values[row];
      const value = cell === null || cell === undefined ? '' : String(cell);
      if (value === '' || seen.has(value)) continue;
      seen.add(value);
      options.push({ value, text: value });
    }
  }
  return options;
}
