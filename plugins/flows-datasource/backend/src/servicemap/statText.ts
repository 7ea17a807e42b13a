/**
 * Numbers as the node graph should show them. Grafana's node graph prints a number stat as
 * `value.toFixed(decimals) + ' ' + unit` (statToString in public/app/plugins/panel/nodeGraph/utils.ts),
 * so 1234567 bytes would read "1234567.00 bytes": stats are sent as text instead.
 */
const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const bitUnits = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];

/** Three significant digits at most, never an exponent: 0.5, 12.3, 456. */
function short(value: number): string {
  if (value >= 100 || value === 0) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

function scaled(value: number, units: string[], step: number): string {
  let unit = 0;
  let scaledValue = value;
  while (scaledValue >= step && unit < units.length - 1) {
    scaledValue /= step;
    unit++;
  }
  // 1023.9 KiB rounds to "1024 KiB"; say 1 MiB instead.
  if (Math.round(scaledValue) >= step && unit < units.length - 1) {
    scaledValue /= step;
    unit++;
  }
  return `${short(scaledValue)} ${units[unit]}`;
}

/** Bytes in binary units, as Grafana's `bytes` unit shows them: "1.21 MiB". */
export function bytesText(bytes: number): string {
  return scaled(bytes, byteUnits, 1024);
}

/** Bits per second in decimal units: "45.6 kbit/s". */
export function bitRateText(bitsPerSecond: number): string {
  return scaled(bitsPerSecond, bitUnits, 1000);
}

export function countText(count: number): string {
  return count.toLocaleString('en-US');
}

/** "12.5 %" of a share from 0 to 1. */
export function percentText(share: number): string {
  return `${short(share * 100)} %`;
}
