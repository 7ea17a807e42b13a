import { FieldError } from './outcome.ts';

// Typed reads of untrusted JSON: each either returns a value the flows table can hold or throws a
// FieldError naming the field, so a bad line is rejected with a reason and never half-stored.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(parent: Json, key: string, path: string): Json | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new FieldError('invalid-field', `${path}${key} is not an object`);
  return value;
}

export function stringAt(parent: Json | undefined, key: string, path: string): string {
  const value = parent?.[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new FieldError('invalid-field', `${path}${key} is not a string`);
  return value;
}

/** A whole number in [0, max]; absent is 0. Numeric strings count (protobuf JSON writes uint64 so). */
export function unsignedAt(parent: Json | undefined, key: string, path: string, max: number): number {
  const value = parent?.[key];
  if (value === undefined || value === null) return 0;
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0 || number > max) {
    throw new FieldError(
      'invalid-field',
      `${path}${key} is ${JSON.stringify(value)}, not a whole number from 0 to ${max}`
    );
  }
  return number;
}

export const maxUInt8 = 255;
export const maxUInt16 = 65_535;
export const maxUInt64 = Number.MAX_SAFE_INTEGER;
/** ClickHouse DateTime holds unix seconds up to 2106-02-07. */
export const maxDateTime = 4_294_967_295;

const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Unix seconds (whole, rounded down) from RFC 3339 with any fraction, or "YYYY-MM-DD hh:mm:ss" (UTC). */
export function secondsFromTimestamp(value: unknown, path: string): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0 && value <= maxDateTime) return value;
    throw new FieldError('invalid-field', `${path} is ${value}, not unix seconds`);
  }
  if (typeof value !== 'string') throw new FieldError('invalid-field', `${path} is not a timestamp`);
  const match = timestampPattern.exec(value);
  if (!match) throw new FieldError('invalid-field', `${path} "${value.slice(0, 40)}" is not an RFC 3339 timestamp`);
  const [, year, month, day, hour, minute, second, zone] = match;
  let seconds = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!) / 1000;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > maxDateTime || +month! > 12 || +day! > 31) {
    throw new FieldError('invalid-field', `${path} "${value.slice(0, 40)}" is outside what a DateTime holds`);
  }
  return seconds;
}
