/** A query's time range in epoch milliseconds: the one time-range type of every layer. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}
