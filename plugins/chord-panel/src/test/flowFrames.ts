import {
  applyFieldOverrides,
  createTheme,
  type DataFrame,
  type DataLink,
  type FieldConfigSource,
  FieldType,
  type GrafanaTheme2,
  type InterpolateFunction,
  toDataFrame,
} from '@grafana/data';

/** Test frames shaped like the FlowLens datasource's table results. */
export interface FlowTable {
  refId?: string;
  source?: Array<string | null>;
  target?: Array<string | null>;
  bytes?: Array<number | null>;
  ruleAction?: Array<number | null>;
  policy?: Array<string | null>;
  /** Data links on the bytes field, as a dashboard's field config or override puts them there. */
  links?: DataLink[];
}

export function flowFrame(table: FlowTable): DataFrame {
  const fields = [];
  if (table.source) {
    fields.push({ name: 'sourcePodName', type: FieldType.string, values: table.source });
  }
  if (table.target) {
    fields.push({ name: 'destinationPodName', type: FieldType.string, values: table.target });
  }
  if (table.ruleAction) {
    fields.push({
      name: 'ingressNetworkPolicyRuleAction',
      type: FieldType.number,
      values: table.ruleAction,
      config: { mappings: ruleActionMappings },
    });
  }
  if (table.bytes) {
    fields.push({
      name: 'bytes',
      type: FieldType.number,
      values: table.bytes,
      config: { unit: 'bytes', ...(table.links ? { links: table.links } : {}) },
    });
  }
  if (table.policy) {
    fields.push({ name: 'ingressNetworkPolicyName', type: FieldType.string, values: table.policy });
  }
  return toDataFrame({ refId: table.refId ?? 'A', fields });
}

/** The network-policy dashboard's mappings: allow green, drop and reject red. */
export const ruleActionMappings = [
  {
    type: 'value' as const,
    options: {
      '0': { text: 'None', color: 'text', index: 0 },
      '1': { text: 'Allow', color: 'green', index: 1 },
      '2': { text: 'Drop', color: 'red', index: 2 },
      '3': { text: 'Reject', color: 'red', index: 3 },
    },
  },
];

export const testTheme: GrafanaTheme2 = createTheme();

/**
 * The part of Grafana's template service data links need: `${__data.fields.<name>}` from the row the
 * link is built for, URI-encoded when Grafana asks for it.
 */
export const testReplaceVariables: InterpolateFunction = (value, scopedVars, format) =>
  value.replace(/\$\{__data\.fields\.([^}:]+)\}/g, (_match, name: string) => {
    const context = scopedVars?.__dataContext?.value as { frame?: DataFrame; rowIndex?: number } | undefined;
    const field = context?.frame?.fields.find((candidate) => candidate.name === name);
    const cell = field && context?.rowIndex !== undefined ? String(field.values[context.rowIndex]) : '';
    return format === 'uriencode' ? encodeURIComponent(cell) : cell;
  });

/** Frames as a panel receives them: field config applied, display processors and getLinks attached. */
export function asPanelFrames(
  frames: DataFrame[],
  fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] },
  theme: GrafanaTheme2 = testTheme
): DataFrame[] {
  return applyFieldOverrides({
    data: frames,
    fieldConfig,
    replaceVariables: testReplaceVariables,
    theme,
    timeZone: 'utc',
  });
}
