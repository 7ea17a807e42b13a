/**
 * A small stand-in for Grafana's template service: `$var`, `${var}`, `${var:format}`, `[[var]]` from the
 * spec's variables, the time range built-ins, and the data-link macros (`${__value.raw}`,
 * `${__data.fields.pod}`, `${__field.name}`, `${__series.name}`) that make a field's getLinks() produce
 * the URL Grafana would. Behaviour follows Grafana's templateSrv, macro registry and format registry;
 * only the formats below are known, and an unknown one is reported as Grafana does (console.error).
 */
import {
  type DataFrame,
  type DisplayValue,
  type Field,
  FieldType,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayName,
  getFieldDisplayValuesProxy,
  getFrameDisplayName,
  type InterpolateFunction,
  type ScopedVars,
  type TimeRange,
  urlUtil,
} from '@grafana/data';
import { formatVariableValue, variablePattern, type VariableFormat } from '@flowlens/testkit/templateFormats';
import { get } from 'lodash';

export type VariableValues = Readonly<Record<string, string | string[]>>;

type Value = unknown;
type Format = VariableFormat;

const formatValue = (value: Value, format: Format, name: string) => formatVariableValue(value, format, { name });

interface MacroContext {
  fieldPath?: string;
  scopedVars?: ScopedVars;
  format: Format;
  variables: VariableValues;
  timeRange: TimeRange;
}

/** A macro returns the final text, or undefined to leave the expression as written (as Grafana does). */
type Macro = (context: MacroContext) => string | undefined;

function dataContext(scopedVars?: ScopedVars) {
  return scopedVars?.__dataContext?.value;
}

function valueOfRow(context: MacroContext): Value {
  const data = dataContext(context.scopedVars);
  if (!data) {
    return undefined;
  }
  const { calculatedValue, rowIndex, frame, field } = data;
  if (calculatedValue) {
    const calculated: Record<string, Value> = {
      numeric: calculatedValue.numeric.toString(),
      raw: calculatedValue.numeric,
      time: '',
    };
    return context.fieldPath && context.fieldPath in calculated
      ? calculated[context.fieldPath]
      : formattedValueToString(calculatedValue);
  }
  if (rowIndex === undefined) {
    return undefined;
  }
  if (context.fieldPath === 'time') {
    return frame.fields.find((f: Field) => f.type === FieldType.time)?.values[rowIndex];
  }
  const raw = field.values[rowIndex];
  if (context.fieldPath === 'raw') {
    return raw;
  }
  const display: DisplayValue = (field.display ?? getDisplayProcessor())(raw);
  if (context.fieldPath === 'numeric') {
    return display.numeric;
  }
  return context.fieldPath === 'text' ? display.text : formattedValueToString(display);
}

const macros: Record<string, Macro> = {
  __value: (context) => {
    const value = valueOfRow(context);
    return value === undefined ? undefined : formatValue(value, context.format, '__value');
  },
  __data: ({ scopedVars, fieldPath }) => {
    const data = dataContext(scopedVars);
    if (!data || data.rowIndex === undefined || !fieldPath) {
      return undefined;
    }
    const frame: DataFrame = data.frame;
    const row = {
      name: frame.name,
      refId: frame.refId,
      fields: getFieldDisplayValuesProxy({ frame, rowIndex: data.rowIndex }),
    };
    return String(get(row, fieldPath) ?? '');
  },
  __series: ({ scopedVars, fieldPath, format }) => {
    const data = dataContext(scopedVars);
    return data && fieldPath === 'name'
      ? formatValue(getFrameDisplayName(data.frame, data.frameIndex), format, '__series')
      : undefined;
  },
  __field: ({ scopedVars, fieldPath }) => {
    const data = dataContext(scopedVars);
    if (!data || !fieldPath) {
      return undefined;
    }
    const field: Field = data.field;
    const described = {
      name: field.name,
      displayName: getFieldDisplayName(field, data.frame, data.data),
      labels: { ...field.labels, __values: Object.values(field.labels ?? {}).join(', ') },
    };
    return String(get(described, fieldPath) ?? '');
  },
  __url_time_range: ({ timeRange }) => urlUtil.toUrlParams(urlTimeRange(timeRange)),
  __all_variables: ({ variables }) =>
    Object.entries(variables)
      .map(([name, value]) => formatValue(value, 'queryparam', name))
      .join('&'),
};

/** Relative ranges stay relative in links (`from=now-6h`), absolute ones become epoch milliseconds. */
function urlTimeRange(timeRange: TimeRange) {
  const asUrlValue = (raw: unknown, resolved: { valueOf(): number }) =>
    typeof raw === 'string' ? raw : String(resolved.valueOf());
  return {
    from: asUrlValue(timeRange.raw.from, timeRange.from),
    to: asUrlValue(timeRange.raw.to, timeRange.to),
  };
}

export function containsVariable(text?: string): boolean {
  return Boolean(text?.match(variablePattern));
}

export interface TemplateContext {
  variables: VariableValues;
  timeRange: TimeRange;
}

/** The `replaceVariables` a panel receives, also used by applyFieldOverrides for display names and links. */
export function createReplaceVariables({ variables, timeRange }: TemplateContext): InterpolateFunction {
  const builtIns: Record<string, string> = {
    __from: String(timeRange.from.valueOf()),
    __to: String(timeRange.to.valueOf()),
  };
  return (text, scopedVars, format) => {
    if (!text) {
      return text ?? '';
    }
    return text.replace(
      variablePattern,
      (match, plainName, bracketName, bracketFormat, braceName, fieldPath, braceFormat) => {
        const name: string = plainName ?? bracketName ?? braceName;
        const chosenFormat: Format = bracketFormat ?? braceFormat ?? (format as Format);
        const scoped = scopedVars?.[name];
        if (scoped && name !== '__dataContext') {
          const value = fieldPath ? get(scoped.value, fieldPath) : scoped.value;
          return formatValue(value, chosenFormat, name);
        }
        const macro = macros[name];
        if (macro) {
          return macro({ fieldPath, scopedVars, format: chosenFormat, variables, timeRange }) ?? match;
        }
        const value = variables[name] ?? builtIns[name];
        return value === undefined ? match : formatValue(value, chosenFormat, name);
      }
    );
  };
}
