import type { DataFrame, MetricFindValue } from '@grafana/data';

/**
 * A variable query's rows as variable options: the first column is the value, the second (when
 * present) the text shown in the picker. Empty cells are skipped: Grafana cannot select them.
 */
export function metricFindValues(frames: DataFrame[]): MetricFindValue[] {
  const frame = frames.find((candidate) => candidate.fields.length > 0);
  if (!frame) {
    return [];
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
