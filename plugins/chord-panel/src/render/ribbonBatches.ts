/**
 * How many ribbons go into the DOM per frame. The first frame takes up to `firstFrame` (the largest
 * ribbons, as they come in drawing order), every later frame `perFrame` more: a 500-group chord with
 * 20,000 ribbons shows at once and fills in over a few frames instead of blocking the tab for one long
 * task. Chords up to `firstFrame` ribbons (200 groups ≈ 8,000) are complete in their first frame.
 */
export const ribbonBatchSizes = { firstFrame: 10_000, perFrame: 5_000 } as const;

/** [start, end) index ranges of the batches for `count` ribbons. */
export function ribbonBatches(
  count: number,
  sizes: { firstFrame: number; perFrame: number } = ribbonBatchSizes
): Array<[number, number]> {
  const batches: Array<[number, number]> = [];
  let start = 0;
  let size = sizes.firstFrame;
  while (start < count) {
    const end = Math.min(count, start + size);
    batches.push([start, end]);
    start = end;
    size = sizes.perFrame;
  }
  return batches;
}
