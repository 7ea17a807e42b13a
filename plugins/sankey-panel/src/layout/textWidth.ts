/**
 * Width in px of a label at a font size and weight. The layout takes it as a parameter, as the
 * chord's does: tests pin it down, the browser measures with the page's font (render/pageTextWidth.ts).
 */
export type MeasureText = (text: string, fontSize: number, fontWeight?: number) => number;

/** Average advance of Grafana's UI font (Inter) per character, as a share of the font size. */
export const averageCharWidth = 0.58;

/**
 * A deterministic estimate for where no canvas can measure (unit tests under jsdom, server-side use).
 * It is too short for names heavy in m and w, which is why the browser measures instead.
 */
export const estimateTextWidth: MeasureText = (text, fontSize) => text.length * fontSize * averageCharWidth;
