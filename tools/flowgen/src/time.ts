/** A moment as flowgen's options accept it: unix seconds, a Date, or text (see parseTime). */
export type TimeInput = number | Date | string;

const relative = /^now(?:-(\d+)([smhd]))?$/;
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Reads a moment as whole unix seconds: ISO 8601 (`2025-01-06T12:00:00Z`; a date alone or a time
 * without offset means UTC), unix seconds (`1736164800`), `now` or `now-<n><s|m|h|d>`.
 * Throws an Error naming the option and the input otherwise.
 */
export function parseTime(input: TimeInput, option: string, now = Date.now()): number {
  if (input instanceof Date) {
    return checked(input.getTime(), input.toString(), option);
  }
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input < 0 || input >= 2 ** 32) {
      throw new Error(`${option}: ${input} is not unix seconds between 1970 and 2106; give a whole number of seconds`);
    }
    return input;
  }
  const text = input.trim();
  const relativeMatch = relative.exec(text);
  if (relativeMatch) {
    const [, amount, unit] = relativeMatch;
    const seconds = amount && unit ? Number(amount) * (unitSeconds[unit] as number) : 0;
    return Math.floor(now / 1000) - seconds;
  }
  if (/^\d+$/.test(text)) {
    return parseTime(Number(text), option, now);
  }
  if (isoDate.test(text)) {
    const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
    const normalized = text.replace(' ', 'T');
    return checked(
      Date.parse(hasOffset ? normalized : `${normalized}${text.length > 10 ? 'Z' : 'T00:00:00Z'}`),
      text,
      option
    );
  }
  throw new Error(
    `${option}: cannot read "${input}" as a time; use ISO 8601 (2025-01-06T12:00:00Z), unix seconds, or now-2h`
  );
}

function checked(milliseconds: number, input: string, option: string): number {
  const seconds = Math.floor(milliseconds / 1000);
  if (Number.isNaN(milliseconds) || !isRealDate(input) || seconds < 0 || seconds >= 2 ** 32) {
    throw new Error(`${option}: "${input}" is not a real time between 1970 and 2106; check the month, day and hour`);
  }
  return seconds;
}

/** Date.parse rolls 2025-02-30 over to March; a real date survives the round trip. */
function isRealDate(input: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(input);
  if (!match) {
    return true;
  }
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
