/**
 * Reads a value the panels formatted with Grafana's byte units ("727 MiB", "1.20 GiB", "8.03 KiB",
 * "5.10 kB") back into bytes, so a spec can compare what the user sees with what the backend returned.
 */
const unitBytes: Record<string, number> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
};

/**
 * A number followed by a byte unit, as Grafana's `bytes` (IEC) and `decbytes` (SI) units write it. Not
 * `\b` at the end: an element's textContent runs the unit into the next word ("727 MiBRule action").
 * Read values with `innerText`, which keeps the line breaks between a name ending in digits and its value.
 */
export const formattedBytesPattern = /(\d+(?:\.\d+)?) (B|KiB|MiB|GiB|TiB|kB|MB|GB|TB)(?![A-Za-z])/;

/** Every byte value in a text, in order. */
export function bytesIn(text: string): number[] {
  const pattern = new RegExp(formattedBytesPattern.source, 'g');
  return [...text.matchAll(pattern)].map((match) => Number(match[1]) * unitBytes[match[2]!]!);
}

/** True when a shown value (three significant digits at most) stands for `bytes`. */
export function showsBytes(shown: number, bytes: number): boolean {
  return Math.abs(shown - bytes) <= Math.max(1, bytes * 0.006);
}
