import { type DataFrame, FieldType, getFieldDisplayName } from '@grafana/data';
import type { SankeyOptions } from '../types';
import type { DimensionCatalog } from './dimensionCatalog';
import { describeFrames, fieldMatches } from './fieldNames';
import type { GraphResult } from './types';

/** With nothing picked, the columns are the query's first text fields (or labels), up to this many. */
export const defaultColumnLimit = 4;

type Problem = Extract<GraphResult, { kind: 'problem' }>;

export type RolesResult = { ok: true; columns: string[]; valueField?: string } | { ok: false; problem: Problem };

type FieldOptions = Pick<SankeyOptions, 'sourceField' | 'targetField' | 'hopFields' | 'valueField'>;

/** Number and boolean fields (a port, a flag) may be picked as columns; their values become names. */
const columnTypes = new Set<FieldType>([FieldType.string, FieldType.enum, FieldType.number, FieldType.boolean]);

function listed(names: string[]): string {
  return names.length > 0 ? names.map((name) => `"${name}"`).join(', ') : 'none';
}

function problem(message: string, needs: Partial<Problem> = {}): RolesResult {
  return { ok: false, problem: { kind: 'problem', message, ...needs } };
}

function checkValueField(valueField: string | undefined, catalog: DimensionCatalog, frames: DataFrame[]) {
  if (catalog.numberFields.length === 0) {
    return problem(
      `The Sankey sizes links by a number field (such as bytes or throughput), and the query returned none. It returned ${describeFrames(frames)}.`,
      { needsNumberField: true }
    );
  }
  if (!valueField || catalog.numberFields.includes(valueField)) {
    return undefined;
  }
  const type = catalog.fieldTypes.get(valueField);
  const hint = `Number fields: ${listed(catalog.numberFields)}.`;
  return type === undefined
    ? problem(`Value field "${valueField}" is not in the query result. ${hint}`)
    : problem(`Value field "${valueField}" holds ${type} values, not numbers. ${hint}`);
}

function checkColumn(role: string, name: string, catalog: DimensionCatalog, available: string[]) {
  if (available.includes(name)) {
    return undefined;
  }
  const hint = `Text fields: ${listed(catalog.textFields)}; labels: ${listed(catalog.labelKeys)}.`;
  const type = catalog.fieldTypes.get(name);
  if (type === undefined) {
    return problem(`${role} field "${name}" is not in the query result. ${hint}`);
  }
  return columnTypes.has(type)
    ? undefined
    : problem(`${role} field "${name}" is a ${type} field; pick one with names. ${hint}`);
}

/**
 * The name the catalog lists for a picked field. The editor saves display names, but dashboards
 * written as code save a field's own name ("bytes" shown as "Bytes"); collectPaths accepts both, so
 * the checks here must too.
 */
function catalogName(name: string | undefined, catalog: DimensionCatalog, frames: DataFrame[]): string | undefined {
  if (
    !name ||
    catalog.fieldTypes.has(name) ||
    catalog.labelKeys.includes(name) ||
    catalog.numberFields.includes(name)
  ) {
    return name;
  }
  for (const frame of frames) {
    const field = frame.fields.find((candidate) => fieldMatches(name, candidate, frame, frames));
    if (field) {
      const isSeries = field.type === FieldType.number && Object.keys(field.labels ?? {}).length > 0;
      return isSeries ? field.name : getFieldDisplayName(field, frame, frames);
    }
  }
  return name;
}

/**
 * Decides which fields become columns and which sizes the links, from the options and what the
 * frames hold. Unset source/target take the first unused text fields; with nothing set at all the
 * columns are the first text fields in query order, so a query's SELECT order is its Sankey.
 */
export function resolveRoles(saved: FieldOptions, catalog: DimensionCatalog, frames: DataFrame[]): RolesResult {
  const named = (name: string | undefined) => catalogName(name, catalog, frames);
  const options: FieldOptions = {
    sourceField: named(saved.sourceField),
    targetField: named(saved.targetField),
    valueField: named(saved.valueField),
    hopFields: saved.hopFields?.map((name) => named(name) ?? name),
  };
  const valueProblem = checkValueField(options.valueField || undefined, catalog, frames);
  if (valueProblem) {
    return valueProblem;
  }
  const available = [...catalog.textFields, ...catalog.labelKeys];
  const hops = (options.hopFields ?? []).filter((name) => name.trim() !== '');
  const picked = [options.sourceField, ...hops, options.targetField].filter((name): name is string => !!name);

  let columns: string[];
  if (picked.length === 0) {
    columns = available.slice(0, defaultColumnLimit);
  } else {
    const unused = available.filter((name) => !picked.includes(name));
    const source = options.sourceField || unused.shift();
    const target = options.targetField || unused.shift();
    columns = [source, ...hops, target].filter((name): name is string => name !== undefined);
  }

  const roles = [
    ['Source', options.sourceField],
    ...hops.map((name, index) => [`Hop ${index + 1}`, name]),
    ['Target', options.targetField],
  ] as const;
  for (const [role, name] of roles) {
    const found = name ? checkColumn(role, name, catalog, available) : undefined;
    if (found) {
      return found;
    }
  }
  const duplicate = columns.find((name, index) => columns.indexOf(name) !== index);
  if (duplicate !== undefined) {
    return problem(`"${duplicate}" is picked for two columns; each column of the Sankey needs its own field.`);
  }
  if (columns.length < 2) {
    return problem(
      `The Sankey needs two text fields (source and target) or two labels on time series, and a number field. The query returned ${describeFrames(frames)}.`,
      { needsStringField: true }
    );
  }
  return { ok: true, columns, valueField: options.valueField || undefined };
}
