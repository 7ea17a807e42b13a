import { describe, expect, it } from 'vitest';
import { spreadIntoWindows, type WindowParts } from '../../src/anomalies/windowParts.ts';

const windowMs = 300_000;
// Windows 0 to 1200 s are queried (the range ends inside the last one).
const range = { fromMs: 0, toMs: 1_250_000 };
const part = (windowS: number, value: number, valueBefore: number, reachesBefore: boolean): WindowParts => ({
  endpoint: 'shop/api',
  windowMs: windowS * 1000,
  value,
  valueBefore,
  reachesBefore,
});

describe('spreadIntoWindows', () => {
  it.each([
    [
      'a part and its rest in the window before',
      [part(600, 5, 2, true)],
      [
        [600, 5],
        [300, 2],
      ],
    ],
    ['no window before when no record reaches it', [part(600, 5, 0, false)], [[600, 5]]],
    [
      'the window before, even empty, when a record reaches it',
      [part(600, 5, 0, true)],
      [
        [600, 5],
        [300, 0],
      ],
    ],
    ['nothing before the first window', [part(0, 5, 2, true)], [[0, 5]]],
    ['nothing after the last window, but its rest before', [part(1500, 5, 2, true)], [[1200, 2]]],
  ])('%s', (_, parts, expected) => {
    expect(spreadIntoWindows(parts, windowMs, range).map((value) => [value.windowMs / 1000, value.value])).toEqual(
      expected
    );
  });
});
