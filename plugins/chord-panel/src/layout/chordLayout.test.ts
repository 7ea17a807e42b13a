import { describe, expect, test } from 'vitest';
import { FieldType, toDataFrame } from '@grafana/data';
import { buildChordModel } from '../data/chordModel';
import { withDefaults } from '../optionDefaults';
import { chordPair, group, otherGroup } from '../test/chordGroups';
import { type ChordLayout, layoutAngles, placeChord } from './chordLayout';
import { padAngleFor } from './ribbonAngles';

const model = {
  groups: [group('web/frontend', 10, 3, 0), group('web/backend', 7, 10, 1), otherGroup(['x', 'y'], 1, 5)],
  pairs: [
    chordPair('web/frontend', 'web/backend', 10),
    chordPair('web/backend', 'web/frontend', 3),
    chordPair('web/backend', '\u0000other', 4),
    chordPair('\u0000other', 'web/backend', 0.5),
    chordPair('\u0000other', '\u0000other', 0.5),
  ],
};

function placed(width: number, height: number, showLabels = true, arrowHeads = true): ChordLayout {
  const angles = layoutAngles(model, { ribbons: 'directed', arcSize: 'both', groupSort: 'name' });
  const result = placeChord(angles, { showLabels, arrowHeads }, { width, height });
  if (result.kind !== 'chord') {
    throw new Error(result.message);
  }
  return result;
}

describe('layoutAngles + placeChord', () => {
  // Found by the property test in CI: three rows of 1e308 between the same pods summed to Infinity and
  // made every angle NaN.
  test('rows summing past the largest double still lay out as a full circle', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'sourcePodName', type: FieldType.string, values: ['web/frontend', 'web/frontend', 'db/postgres'] },
        {
          name: 'destinationPodName',
          type: FieldType.string,
          values: ['web/frontend', 'web/frontend', 'web/frontend'],
        },
        { name: 'bytes', type: FieldType.number, values: [1e308, 1e308, 1e308] },
      ],
    });
    const options = withDefaults({});
    const data = buildChordModel([frame], options);
    if (data.kind !== 'model') {
      throw new Error(`no model: ${data.kind}`);
    }
    const angles = layoutAngles(data.model, options);
    const spans = angles.arcs.map((arc) => arc.endAngle - arc.startAngle);
    expect(spans.every((span) => Number.isFinite(span) && span > 0)).toBe(true);
    expect(spans.reduce((sum, span) => sum + span, 0)).toBeCloseTo(2 * Math.PI - 2 * padAngleFor(2), 6);
    expect(angles.ribbons.every((ribbon) => Number.isFinite(ribbon.value))).toBe(true);
  });

  test('arcs in sort order, Other last; ribbons drawn largest first', () => {
    const layout = placed(400, 300);
    expect(layout.arcs.map((arc) => arc.group.name)).toEqual(['web/backend', 'web/frontend', 'Other']);
    expect(layout.ribbons.map((r) => r.value)).toEqual([10, 4, 3, 0.5, 0.5]);
    expect(layout.ribbons.map((r) => r.id)).toEqual([0, 1, 2, 3, 4]);
  });

  test('is deterministic', () => {
    expect(placed(500, 400)).toEqual(placed(500, 400));
  });

  test('centres the circle in the panel and keeps it inside', () => {
    const layout = placed(600, 300);
    expect([layout.centerX, layout.centerY]).toEqual([300, 150]);
    expect(layout.labelRadius).toBeLessThan(150);
    expect(layout.ribbonRadius).toBeLessThan(layout.innerRadius);
  });

  test('radius adapts to the panel', () => {
    expect(placed(800, 800).outerRadius).toBeGreaterThan(placed(300, 300).outerRadius);
  });

  test('labels: two lines on long arcs, none when switched off', () => {
    const layout = placed(500, 500);
    expect(layout.arcs.map((arc) => arc.label?.lines.map((l) => l.text))).toEqual([
      ['web', 'backend'],
      ['web', 'frontend'],
      ['Other (2)'],
    ]);
    expect(placed(500, 500, false).arcs.every((arc) => arc.label === undefined)).toBe(true);
    expect(placed(500, 500, false).outerRadius).toBeGreaterThan(layout.outerRadius);
  });

  test('arrow heads only on directed ribbons, and only when asked for', () => {
    expect(placed(400, 400).ribbons.every((r) => r.arrow)).toBe(true);
    expect(placed(400, 400, true, false).ribbons.some((r) => r.arrow)).toBe(false);
    const undirected = placeChord(
      layoutAngles(model, { ribbons: 'undirected', arcSize: 'both', groupSort: 'name' }),
      { showLabels: true, arrowHeads: true },
      { width: 400, height: 400 }
    );
    expect(undirected.kind === 'chord' && undirected.ribbons.some((r) => r.arrow)).toBe(false);
  });

  test('tips get a visible width', () => {
    const angles = layoutAngles(model, { ribbons: 'directed', arcSize: 'outgoing', groupSort: 'name' });
    const layout = placeChord(angles, { showLabels: true, arrowHeads: true }, { width: 400, height: 400 });
    if (layout.kind !== 'chord') {
      throw new Error(layout.message);
    }
    const tips = layout.ribbons.flatMap((r) => [r.source, r.target]).filter((end) => end.tip);
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) {
      expect((tip.endAngle - tip.startAngle) * layout.ribbonRadius).toBeCloseTo(3);
    }
  });

  test('too small panel → a message instead of a chord', () => {
    const angles = layoutAngles(model, { ribbons: 'directed', arcSize: 'both', groupSort: 'name' });
    expect(placeChord(angles, { showLabels: true, arrowHeads: true }, { width: 100, height: 90 })).toEqual({
      kind: 'tooSmall',
      message: 'The chord needs at least 120 × 120 px; this panel has 100 × 90 px. Make the panel larger.',
    });
  });

  test('hundreds of groups: labels only for arcs long enough to hold them', () => {
    const many = Array.from({ length: 300 }, (_, i) => group(`ns-${i % 7}/pod-${i}`, i === 0 ? 5000 : 1, 1, i));
    const pairs = many.map((g, i) => chordPair(g.name, many[(i + 1) % many.length]!.name, i === 0 ? 5000 : 1));
    const angles = layoutAngles({ groups: many, pairs }, { ribbons: 'directed', arcSize: 'both', groupSort: 'data' });
    const layout = placeChord(angles, { showLabels: true, arrowHeads: true }, { width: 600, height: 600 });
    if (layout.kind !== 'chord') {
      throw new Error(layout.message);
    }
    const labelled = layout.arcs.filter((arc) => arc.label).map((arc) => arc.group.name);
    expect(labelled).toContain('ns-0/pod-0');
    expect(labelled.length).toBeLessThan(20);
  });
});
