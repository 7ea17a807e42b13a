import { type DataFrame, type Field, FieldType, getFieldDisplayName } from '@grafana/data';

/**
 * Options store what the user picked in the editor: a display name. Frames merged from several
 * queries may disambiguate display names, so the raw name and a configured display name match too.
 */
export function fieldMatches(name: string, field: Field, frame: DataFrame, frames: DataFrame[]): boolean {
  return field.name === name || field.config.displayName === name || getFieldDisplayName(field, frame, frames) === name;
}

/** Text-like fields can be hop columns; time fields cannot (every instant would be its own node). */
export function isTextField(field: Field): boolean {
  return field.type === FieldType.string || field.type === FieldType.enum;
}

/** "sourcePodName (string), bytes (number)" for each frame: what the query actually returned. */
export function describeFrames(frames: DataFrame[]): string {
  const shown = frames.slice(0, 3).map((frame, index) => {
    const fields = frame.fields
      .slice(0, 12)
      .map((field) => `${getFieldDisplayName(field, frame, frames)} (${field.type})`);
    const more = frame.fields.length > 12 ? `, … ${frame.fields.length - 12} more` : '';
    const name = frame.refId ?? frame.name ?? `frame ${index + 1}`;
    return `${name}: ${fields.join(', ') || 'no fields'}${more}`;
  });
  const more = frames.length > 3 ? `; … ${frames.length - 3} more frames` : '';
  return shown.join('; ') + more;
}
