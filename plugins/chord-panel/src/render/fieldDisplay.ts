import {
  type DisplayProcessor,
  type Field,
  FieldColorModeId,
  FieldType,
  formattedValueToString,
  getDisplayProcessor,
  type GrafanaTheme2,
} from '@grafana/data';
import { hashText, themePalette } from './palette';

/** Frames from the panel carry display processors (field config applied); raw frames in tests may not. */
export function displayOf(field: Field, theme: GrafanaTheme2): DisplayProcessor {
  return field.display ?? getDisplayProcessor({ field, theme });
}

/** A cell as Grafana would show it: value mappings, unit and decimals applied. */
export function cellText(field: Field, cell: unknown, theme: GrafanaTheme2): string {
  if (cell === null || cell === undefined || cell === '') {
    return '–';
  }
  return formattedValueToString(displayOf(field, theme)(cell));
}

/** A number in the unit and decimals of a value field, for sums of its rows. */
export function valueText(field: Field | undefined, value: number, theme: GrafanaTheme2): string {
  if (!field) {
    return String(value);
  }
  return formattedValueToString(displayOf(field, theme)(value));
}

// An unlikely fixed colour: a display processor that returns it found no value mapping with a colour.
const unmappedSentinel = '#010203';

export interface ColorFieldValue {
  text: string;
  color: string;
}

/**
 * How one colour-field value looks: the colour of its value mapping (rule action: Allow → green); for
 * unmapped numbers the field's colour scheme or thresholds; for unmapped text a palette colour picked
 * from the text, so every policy name gets its own colour without any configuration.
 */
export function colorFieldPainter(field: Field, theme: GrafanaTheme2): (cell: unknown) => ColorFieldValue {
  const display = displayOf(field, theme);
  const mappingOnly = getDisplayProcessor({
    field: {
      ...field,
      config: { ...field.config, color: { mode: FieldColorModeId.Fixed, fixedColor: unmappedSentinel } },
    },
    theme,
  });
  const palette = themePalette(theme);
  const byText = (text: string) => palette[hashText(text) % palette.length] ?? theme.colors.text.secondary;
  return (cell) => {
    const shown = display(cell);
    const text = formattedValueToString(shown);
    const mapped = mappingOnly(cell).color;
    if (mapped && mapped !== unmappedSentinel) {
      return { text, color: mapped };
    }
    if (field.type === FieldType.number && shown.color) {
      return { text, color: shown.color };
    }
    return { text, color: byText(String(cell)) };
  };
}
