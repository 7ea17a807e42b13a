import './test/jsdomGaps';
import { act, cleanup, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';
import type * as runtime from '@grafana/runtime';
import React from 'react';
import { describe, expect, test, vi } from 'vitest';
import { buildChordModel } from './data/chordModel';
import { layoutAngles, placeChord } from './layout/chordLayout';
import { withDefaults } from './optionDefaults';
import { panelElement } from './test/panelProps';

vi.mock('@grafana/runtime', async (original) => ({
  ...(await original<typeof runtime>()),
  PanelDataErrorView: ({ message }: { message?: string }) => (
    <div data-testid="panel-data-error">{message ?? 'No data'}</div>
  ),
}));

const names = fc.oneof(
  fc.constantFrom('web/frontend', 'db/postgres', 'kube-system/coredns-5d78c9869d-abcde', 'a', 'Other', '/', 'ns/'),
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 200, maxLength: 400 }),
  fc.constant(null),
  fc.constant('')
);
const values = fc.oneof(
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.integer({ min: 0, max: 1e6 }),
  fc.constantFrom(NaN, -1, -1e9, Infinity, 0, Number.MIN_VALUE, 1e308, null, '12', 'x')
);

/** Frames of any shape: the fields a flow table has, in any order and type, or none of them. */
const frames = fc.array(
  fc
    .record({
      rows: fc.integer({ min: 0, max: 40 }),
      groups: fc.array(names, { minLength: 1, maxLength: 8 }),
      valueCells: fc.array(values, { minLength: 1, maxLength: 6 }),
      shape: fc.constantFrom('flows', 'oneText', 'noNumber', 'selfOnly', 'strings', 'empty'),
      seed: fc.integer({ min: 0, max: 1000 }),
      refId: fc.constantFrom('A', 'B', undefined),
    })
    .map(({ rows, groups, valueCells, shape, seed, refId }) => {
      const pick = <T,>(list: T[], i: number) => list[(i * 7 + seed) % list.length]!;
      const sources = Array.from({ length: rows }, (_, i) => pick(groups, i));
      const targets = shape === 'selfOnly' ? sources : Array.from({ length: rows }, (_, i) => pick(groups, i + 3));
      const bytes = Array.from({ length: rows }, (_, i) => pick(valueCells, i));
      const fields = [
        { name: 'sourcePodName', type: FieldType.string, values: sources },
        { name: 'destinationPodName', type: shape === 'oneText' ? FieldType.other : FieldType.string, values: targets },
        {
          name: 'bytes',
          type: shape === 'noNumber' || shape === 'strings' ? FieldType.string : FieldType.number,
          values: bytes,
          config: { unit: 'bytes' },
        },
        { name: 'ingressNetworkPolicyRuleAction', type: FieldType.number, values: bytes.map((_, i) => i % 4) },
      ];
      return toDataFrame({ refId, fields: shape === 'empty' ? [] : fields });
    }),
  { maxLength: 3 }
);

/** Options as any dashboard JSON might hold them, sensible or not. */
const options = fc.record(
  {
    sourceField: fc.constantFrom(undefined, '', 'sourcePodName', 'destinationPodName', 'missing'),
    targetField: fc.constantFrom(undefined, 'destinationPodName', 'bytes', 'missing'),
    valueField: fc.constantFrom(undefined, 'bytes', 'sourcePodName', 'ingressNetworkPolicyRuleAction'),
    colorField: fc.constantFrom(undefined, 'ingressNetworkPolicyRuleAction', 'sourcePodName', 'missing'),
    detailFields: fc.constantFrom(undefined, [], ['bytes', 'missing'], 'bytes' as unknown as string[]),
    ribbons: fc.constantFrom('directed', 'undirected', 'sideways'),
    arrowHeads: fc.boolean(),
    arcSize: fc.constantFrom('both', 'outgoing', 'incoming', 7),
    groupSort: fc.constantFrom('name', 'value', 'data', null),
    topGroups: fc.oneof(fc.integer({ min: -3, max: 30 }), fc.constantFrom(NaN, '5', null)),
    minValue: fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constant('big')),
    selfFlows: fc.boolean(),
    showLabels: fc.boolean(),
    colorBy: fc.constantFrom('group', 'field', 'value', 'rainbow'),
    colorPick: fc.constantFrom('highest', 'lowest', 'dominant', undefined),
    ribbonOpacity: fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), fc.constant(undefined)),
    showLegend: fc.boolean(),
  },
  { requiredKeys: [] }
);

const sizes = fc.record({ width: fc.integer({ min: 0, max: 1200 }), height: fc.integer({ min: 0, max: 900 }) });

describe('never throws', () => {
  test('model and layout: any frames, any options, any size', () => {
    fc.assert(
      fc.property(frames, options, sizes, (series: DataFrame[], saved, size) => {
        const chordOptions = withDefaults(saved as never);
        const data = buildChordModel(series, chordOptions);
        if (data.kind !== 'model') {
          expect(data.kind === 'noData' || data.message.length > 0).toBe(true);
          return;
        }
        const angles = layoutAngles(data.model, chordOptions);
        const layout = placeChord(angles, chordOptions, size);
        if (layout.kind === 'tooSmall') {
          return;
        }
        for (const arc of layout.arcs) {
          expect(arc.startAngle).toBeGreaterThanOrEqual(0);
          expect(arc.endAngle).toBeLessThanOrEqual(2 * Math.PI + 1e-9);
          expect(arc.endAngle).toBeGreaterThanOrEqual(arc.startAngle);
        }
        for (const ribbon of layout.ribbons) {
          expect(Number.isFinite(ribbon.value) && ribbon.value > 0).toBe(true);
          expect(ribbon.pairs.length).toBeGreaterThan(0);
        }
        // The circle, and the labels when there are any, stay inside the panel.
        const half = Math.min(size.width, size.height) / 2;
        expect(layout.outerRadius).toBeLessThanOrEqual(half);
        if (layout.arcs.some((arc) => arc.label)) {
          expect(layout.labelRadius).toBeLessThan(half);
        }
      }),
      { numRuns: 400 }
    );
  });

  test('the panel: renders a chord, a data message or a size message — never an error', () => {
    fc.assert(
      fc.property(frames, options, sizes, (series, saved, size) => {
        // Cleaning up first: a failed run must not leave its DOM to the next one while fast-check shrinks.
        cleanup();
        act(() => {
          render(panelElement({ frames: series, options: saved as never, ...size }));
        });
        expect(screen.queryByText(/could not render this data/)).toBeNull();
        const shown =
          document.querySelector('[data-testid="chord-arcs"]') ??
          screen.queryByTestId('panel-data-error') ??
          screen.queryByText(/The chord needs at least/);
        expect(shown).not.toBeNull();
      }),
      // Each run mounts a panel; shrinking through hundreds of renders of 400-character names takes
      // minutes, and the first failing input already names the shape that broke.
      { numRuns: 60, endOnFailure: true }
    );
  });
});
