import { type DataFrame, type Field, FieldType, getFieldDisplayName } from '@grafana/data';

/** The fields of one frame that play a part in the chord, found by option or by default. */
export interface FlowFields {
  frame: DataFrame;
  source: Field;
  target: Field;
  value: Field;
  color?: Field;
  details: Field[];
}

export interface FieldChoice {
  sourceField?: string;
  targetField?: string;
  valueField?: string;
  colorField?: string;
  detailFields?: string[];
}

export type FieldRolesResult = { ok: true; fields: FlowFields } | { ok: false; problem: string };

/** How messages name a frame: users know their queries by refId (A, B …). */
export function frameLabel(frame: DataFrame, index: number): string {
  if (frame.refId) {
    return `query ${frame.refId}`;
  }
  return frame.name ? `frame "${frame.name}"` : `frame ${index + 1}`;
}

function displayName(field: Field, frame: DataFrame, frames: DataFrame[]): string {
  return getFieldDisplayName(field, frame, frames);
}

/** Field pickers store display names; older dashboards or hand-written JSON may hold the raw name. */
export function findNamed(name: string, frame: DataFrame, frames: DataFrame[]): Field | undefined {
  return (
    frame.fields.find((field) => displayName(field, frame, frames) === name) ??
    frame.fields.find((field) => field.name === name)
  );
}

function describeFields(frame: DataFrame, frames: DataFrame[]): string {
  if (frame.fields.length === 0) {
    return 'no fields';
  }
  return frame.fields.map((field) => `${displayName(field, frame, frames)} (${field.type})`).join(', ');
}

const hasMappings = (field: Field) => (field.config.mappings?.length ?? 0) > 0;

/**
 * Picks source, target, value, colour and detail fields of one frame. Defaults: the first two text
 * fields are source and target, the value is the first number field that is not categorical (no value
 * mappings, so a rule action code is not mistaken for bytes); fields already given another role are
 * never reused by a default.
 */
export function resolveFieldRoles(
  frame: DataFrame,
  frameIndex: number,
  frames: DataFrame[],
  choice: FieldChoice
): FieldRolesResult {
  const where = frameLabel(frame, frameIndex);
  const color = choice.colorField ? findNamed(choice.colorField, frame, frames) : undefined;
  const details = (choice.detailFields ?? [])
    .map((name) => findNamed(name, frame, frames))
    .filter((field): field is Field => field !== undefined);
  const taken = new Set<Field>([...(color ? [color] : []), ...details]);

  let source: Field | undefined;
  let target: Field | undefined;
  let value: Field | undefined;
  for (const [role, name] of [
    ['Source', choice.sourceField],
    ['Target', choice.targetField],
    ['Value', choice.valueField],
  ] as const) {
    if (!name) {
      continue;
    }
    const field = findNamed(name, frame, frames);
    if (!field) {
      return {
        ok: false,
        problem: `${role} field "${name}" is not in ${where}; it has: ${describeFields(frame, frames)}.`,
      };
    }
    if (role === 'Value' && field.type !== FieldType.number) {
      // Text that looks like numbers (a toString() in the SQL) would draw, but silently wrong where it is not.
      return {
        ok: false,
        problem: `Value field "${name}" in ${where} holds ${field.type} values; the chord sizes ribbons by a number field. It has: ${describeFields(frame, frames)}.`,
      };
    }
    taken.add(field);
    if (role === 'Source') {
      source = field;
    } else if (role === 'Target') {
      target = field;
    } else {
      value = field;
    }
  }

  const free = (type: FieldType) => frame.fields.filter((field) => field.type === type && !taken.has(field));
  if (!source) {
    source = free(FieldType.string)[0];
    if (source) {
      taken.add(source);
    }
  }
  if (!target) {
    target = free(FieldType.string)[0];
    if (target) {
      taken.add(target);
    }
  }
  if (!value) {
    const numbers = free(FieldType.number);
    value = numbers.find((field) => !hasMappings(field)) ?? numbers[0];
  }

  if (!source || !target || !value) {
    const missing = [!source && 'a source', !target && 'a target'].filter(Boolean).join(' and ');
    const needs = [missing && `${missing} text field`, !value && 'a number field for the value']
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      problem: `The chord needs ${needs} (pick them in the panel options); ${where} has: ${describeFields(frame, frames)}.`,
    };
  }
  return { ok: true, fields: { frame, source, target, value, color, details } };
}
