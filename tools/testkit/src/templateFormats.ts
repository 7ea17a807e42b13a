/**
 * How Grafana's template service writes a variable's value: the references it recognises and its
 * format registry (grafana/grafana's public/app/features/templating and @grafana/data's
 * VariableFormatID), as far as FlowLens's tests and e2e host need them. Plain TypeScript, so Node tests,
 * jsdom tests and the e2e host page in the browser share it.
 */

/** `$name` | `[[name:format]]` | `${name.path:format}`, in Grafana's own precedence. */
export const variablePattern = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}/g;

/** One reference in a text, from a `variablePattern` match. */
export interface VariableReference {
  name: string;
  /** `${name.path}`: a path into the value (data-link macros, scoped objects). */
  fieldPath?: string;
  /** The format written in the text, which wins over the caller's. */
  format?: string;
}

export function referenceOf(groups: Array<string | undefined>): VariableReference {
  return {
    name: (groups[0] ?? groups[1] ?? groups[3])!,
    fieldPath: groups[4],
    format: groups[2] ?? groups[5],
  };
}

/** The variable a value belongs to, as Grafana hands it to a format function. */
export interface FormattedVariable {
  name: string;
  multi?: boolean;
  includeAll?: boolean;
}

/** What a caller may pass as the format: a registry id, or a function Grafana calls with the value. */
export type VariableFormat = string | ((value: unknown, variable: FormattedVariable) => string) | undefined;

/** RFC 3986: also escape the sub-delimiters encodeURIComponent leaves alone. */
const strictly = (encoded: string) =>
  encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);
const glob = (value: unknown) =>
  Array.isArray(value) && value.length > 1 ? `{${value.join(',')}}` : list(value).join(',');
const quoted = (quote: string, escaped: string) => (value: unknown) =>
  list(value)
    .map((item) => `${quote}${item.split(quote).join(escaped)}${quote}`)
    .join(',');

const formats: Record<string, (value: unknown, name: string) => string> = {
  glob,
  raw: (value) => list(value).join(','),
  text: (value) => list(value).join(' + '),
  csv: (value) => list(value).join(','),
  pipe: (value) => list(value).join('|'),
  json: (value) => JSON.stringify(value),
  percentencode: (value) => strictly(encodeURIComponent(glob(value))),
  uriencode: (value) => strictly(encodeURI(glob(value))),
  queryparam: (value, name) =>
    list(value)
      .map((item) => `var-${name}=${strictly(encodeURIComponent(item))}`)
      .join('&'),
  singlequote: quoted("'", "\\'"),
  doublequote: quoted('"', '\\"'),
  sqlstring: quoted("'", "''"),
  regex: (value) => {
    const escaped = list(value).map((item) => item.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&'));
    return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
  },
};

/** A value as Grafana writes it in `format`; an unknown format falls back to glob, with Grafana's console error. */
export function formatVariableValue(value: unknown, format: VariableFormat, variable: FormattedVariable): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const formatter = formats[format ?? 'glob'];
  if (!formatter) {
    console.error(`Variable format ${format} not found. Using glob format as fallback.`);
    return glob(value);
  }
  return formatter(value, variable.name);
}
