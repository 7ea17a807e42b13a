import { type Field, formattedValueToString, getDisplayProcessor, type GrafanaTheme2 } from '@grafana/data';

/** Formats values with the value field's unit and decimals, as every other Grafana panel does. */
export function valueFormatter(field: Field, theme: GrafanaTheme2): (value: number) => string {
  const display = field.display ?? getDisplayProcessor({ field, theme });
  return (value) => formattedValueToString(display(value));
}

export function percentText(part: number, whole: number): string {
  if (!(whole > 0)) {
    return '–';
  }
  const share = (part / whole) * 100;
  return `${share >= 10 || share === 0 ? share.toFixed(0) : share < 0.1 ? '<0.1' : share.toFixed(1)}%`;
}
