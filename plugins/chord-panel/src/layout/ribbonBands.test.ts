import { expect, test } from 'vitest';
import { type RibbonLayout } from './chordLayout';
import { splitRibbon } from './ribbonBands';

const ribbon: RibbonLayout = {
  id: 4,
  source: { group: 0, startAngle: 0, endAngle: 1, tip: false },
  target: { group: 1, startAngle: 3, endAngle: 5, tip: false },
  pairs: [2],
  value: 10,
  directed: true,
  arrow: true,
};

const spans = (bands: RibbonLayout[]) =>
  bands.map((band) => [
    [band.source.startAngle, band.source.endAngle],
    [band.target.startAngle, band.target.endAngle],
  ]);

test('bands share both ends by their shares, in opposite order at the target', () => {
  expect(spans(splitRibbon(ribbon, [3, 1]))).toEqual([
    [
      [0, 0.75],
      [3.5, 5],
    ],
    [
      [0.75, 1],
      [3, 3.5],
    ],
  ]);
});

test('bands keep the ribbon id, pairs and direction', () => {
  for (const band of splitRibbon(ribbon, [1, 1, 2])) {
    expect(band).toMatchObject({ id: 4, pairs: [2], directed: true, arrow: true });
  }
});

test.each([[[5]], [[]], [[0, 0]]])('nothing to split for shares %j', (shares) => {
  expect(splitRibbon(ribbon, shares)).toEqual([ribbon]);
});
