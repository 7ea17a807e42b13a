import { describe, expect, test } from 'vitest';
import { flowFrame } from '../test/flowFrames';
import { colorShares, pickColorRow } from './colorPick';
import { type FlowFields, resolveFieldRoles } from './fieldRoles';
import { type FlowRow } from './flowPairs';
import { type ColorPick } from '../types';

const frame = flowFrame({
  source: ['a', 'a', 'a', 'a'],
  target: ['b', 'b', 'b', 'b'],
  ruleAction: [1, 2, 1, null],
  bytes: [100, 1, 50, 1000],
});
const result = resolveFieldRoles(frame, 0, [frame], { colorField: 'ingressNetworkPolicyRuleAction' });
const frames: FlowFields[] = result.ok ? [result.fields] : [];
const rows: FlowRow[] = [100, 1, 50, 1000].map((value, row) => ({ frame: 0, row, source: 'a', target: 'b', value }));

describe('pickColorRow', () => {
  test.each<[ColorPick, number]>([
    ['highest', 1],
    ['lowest', 0],
    ['dominant', 0],
  ])('%s picks row %s (rows without a colour value have no say)', (pick, row) => {
    expect(pickColorRow(rows, frames, pick)?.row).toBe(row);
  });

  test('dominant follows the summed value per colour value', () => {
    const heavyDrops = rows.map((r) => (r.row === 1 ? { ...r, value: 151 } : r));
    expect(pickColorRow(heavyDrops, frames, 'dominant')?.row).toBe(1);
  });

  test('no colour value at all → undefined', () => {
    expect(pickColorRow([rows[3]!], frames, 'highest')).toBeUndefined();
    const noColour = resolveFieldRoles(frame, 0, [frame], {});
    expect(pickColorRow(rows, noColour.ok ? [noColour.fields] : [], 'highest')).toBeUndefined();
  });

  test('text colour values compare as text, numbers before text', () => {
    const text = flowFrame({
      source: ['a', 'a'],
      target: ['b', 'b'],
      policy: ['deny-all', 'allow-web'],
      bytes: [1, 1],
    });
    const resolved = resolveFieldRoles(text, 0, [text], { colorField: 'ingressNetworkPolicyName' });
    const textFrames = resolved.ok ? [resolved.fields] : [];
    expect(pickColorRow(rows.slice(0, 2), textFrames, 'highest')?.row).toBe(0);
    expect(pickColorRow(rows.slice(0, 2), textFrames, 'lowest')?.row).toBe(1);
  });
});

describe('colorShares', () => {
  test('sums rows per color value in value order, rows without one last', () => {
    expect(colorShares(rows, frames).map(({ cell, row, value }) => [cell, row.row, value])).toEqual([
      [1, 0, 150],
      [2, 1, 1],
      [undefined, 3, 1000],
    ]);
  });

  test('no color field: one share', () => {
    const noColour = resolveFieldRoles(frame, 0, [frame], {});
    const shares = colorShares(rows, noColour.ok ? [noColour.fields] : []);
    expect(shares.map(({ cell, value }) => [cell, value])).toEqual([[undefined, 1151]]);
  });
});
