import { type DataFrame, FieldType, getFieldDisplayName } from '@grafana/data';
import { isTextField } from './fieldNames';

/**
 * What the frames offer, in first-seen order: text fields and label keys can be columns, number
 * fields can size links. Table queries bring text fields; time series bring labels on number fields.
 */
export interface DimensionCatalog {
  textFields: string[];
  labelKeys: string[];
  numberFields: string[];
  /** Every field display name with its type, to explain a wrong pick. */
  fieldTypes: Map<string, FieldType>;
}

export function catalogDimensions(frames: DataFrame[]): DimensionCatalog {
  const textFields = new Set<string>();
  const labelKeys = new Set<string>();
  const numberFields = new Set<string>();
  const fieldTypes = new Map<string, FieldType>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      const displayName = getFieldDisplayName(field, frame, frames);
      fieldTypes.set(displayName, field.type);
      if (isTextField(field)) {
        textFields.add(displayName);
      } else if (field.type === FieldType.number) {
        // Series display names carry their labels; the bare name is what users pick and recognise.
        numberFields.add(field.labels && Object.keys(field.labels).length > 0 ? field.name : displayName);
        for (const key of Object.keys(field.labels ?? {})) {
          labelKeys.add(key);
        }
      }
    }
  }
  return {
    textFields: [...textFields],
    labelKeys: [...labelKeys].filter((key) => !textFields.has(key)),
    numberFields: [...numberFields],
    fieldTypes,
  };
}
