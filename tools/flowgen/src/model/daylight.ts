/**
 * How busy the cluster is at this second compared with its daily average: people use the apps by
 * day, so traffic peaks at 15:00 UTC (1.6×) and bottoms out at 03:00 UTC (0.4×).
 */
export function daylightFactor(second: number): number {
  const hourOfDay = (((second % 86400) + 86400) % 86400) / 3600;
  return 1 + 0.6 * Math.sin((2 * Math.PI * (hourOfDay - 9)) / 24);
}
