/**
 * ClickHouse prints DateTime as wall-clock text in the column's (or server's) time zone, e.g.
 * "2026-11-22 01:02:03" or "2026-11-22 01:02:03.456". Converting back to an instant needs that
 * zone's offset at that moment, which Intl knows for every IANA zone.
 */
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const wallClock = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?$/;

/** Epoch milliseconds (with sub-millisecond digits as a fraction) of a wall-clock text in `timeZone`. */
export function wallClockToEpochMs(text: string, timeZone: string): number {
  const match = wallClock.exec(text);
  if (!match) {
    throw new Error(`"${text}" is not a ClickHouse date or time`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = match;
  if (year === '0000') {
    // ClickHouse 18.x prints the zero DateTime (epoch 0) this way.
    return 0;
  }
  const asUtc =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) +
    (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return asUtc;
  }
  // The offset at the guessed instant, then again at the corrected one, settles DST edges.
  const firstGuess = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(firstGuess, timeZone);
}

/** The zone in DateTime('Europe/Paris') or DateTime64(3, 'Asia/Tokyo'), else undefined. */
export function columnTimeZone(typeText: string): string | undefined {
  return /'([^']+)'\)*$/.exec(typeText)?.[1];
}
