/** Width in px of a text at a font size; the layout takes it as a parameter so tests can pin it down. */
export type MeasureText = (text: string, fontSize: number) => number;

const narrow = new Set("ijl|!.,:;'`".split(''));
const slim = new Set('frt()[]{} -/\\"'.split(''));
const wide = new Set('mwMW@%'.split(''));

/** Average advance of one character in em for Inter-like sans-serif fonts (Grafana's UI font). */
function charWidth(char: string): number {
  if (narrow.has(char)) {
    return 0.28;
  }
  if (slim.has(char)) {
    return 0.36;
  }
  if (wide.has(char)) {
    return 0.86;
  }
  if (char >= '0' && char <= '9') {
    return 0.58;
  }
  if (char >= 'A' && char <= 'Z') {
    return 0.68;
  }
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80) {
    return 1;
  }
  return code > 0x7f ? 0.62 : 0.55;
}

/**
 * A deterministic estimate, slightly generous so estimated labels never overflow the real ones. Measuring
 * with a canvas would tie the layout to a browser, and hundreds of labels do not need pixel precision.
 */
export const estimateTextWidth: MeasureText = (text, fontSize) => {
  let em = 0;
  for (const char of text) {
    em += charWidth(char);
  }
  return em * fontSize;
};
