import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { FieldType, toDataFrame } from '@grafana/data';
import type * as runtime from '@grafana/runtime';
import React from 'react';
import { describe, expect, test, vi } from 'vitest';
import { stringify } from 'yaml';
import { policyArbitrary } from './test/policyArbitraries';
import { policiesFrame, policyYamlText, type TestPolicy } from './test/policyFrames';
import { panelElement } from './test/renderPanel';

vi.mock('@grafana/runtime', async (original) => ({
  ...(await original<typeof runtime>()),
  PanelDataErrorView: ({ message }: { message?: string }) => (
    <div data-testid="panel-data-error">{message ?? 'No data'}</div>
  ),
}));

/** Cells a yaml field might hold: policies, other YAML, broken YAML, several documents, not text at all. */
const yamlCells = fc.oneof(
  policyArbitrary.map((policy) => policyYamlText(policy)),
  fc.tuple(policyArbitrary, policyArbitrary).map(([a, b]) => `${policyYamlText(a)}---\n${policyYamlText(b)}`),
  fc.jsonValue().map((value) => stringify(value)),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', 'kind: [', 'a: &x 1', '---\n---', null, 42)
);

const frames = fc.array(
  fc
    .record({
      name: fc.constantFrom('policies', 'recommendation', 'other', undefined),
      cells: fc.array(yamlCells, { maxLength: 6 }),
      yamlType: fc.constantFrom(FieldType.string, FieldType.string, FieldType.number, FieldType.other),
      withYaml: fc.boolean(),
      observed: fc.constantFrom('[]', '["a → b (1)"]', 'not json', '{"a":1}', null),
      connections: fc.constantFrom(3, NaN, -1, null, '7'),
      notices: fc.array(
        fc.record({
          severity: fc.constantFrom('info', 'warning', 'error', 'bogus'),
          text: fc.string({ maxLength: 30 }),
        }),
        { maxLength: 3 }
      ),
    })
    .map(({ name, cells, yamlType, withYaml, observed, connections, notices }) =>
      toDataFrame({
        name,
        refId: 'A',
        meta: { notices },
        fields: [
          ...(withYaml ? [{ name: 'yaml', type: yamlType, values: cells }] : []),
          { name: 'name', type: FieldType.string, values: cells.map((_, i) => `p${i}`) },
          { name: 'observed', type: FieldType.string, values: cells.map(() => observed) },
          { name: 'connections', type: FieldType.number, values: cells.map(() => connections) },
        ],
      })
    ),
  { maxLength: 3 }
);

const options = fc.record({
  initialSelection: fc.constantFrom('all', 'none', 'some', undefined),
  layout: fc.constantFrom('auto', 'side', 'stacked', 7),
  showObserved: fc.constantFrom(true, false, 'x'),
  fileName: fc.constantFrom('', 'a/b', '${x}', undefined),
});

describe('PolicyPanel with any data', () => {
  test('shows the review, a message or the no-data view; never throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fc.assert(
      fc.property(frames, options, fc.integer({ min: 100, max: 1400 }), (series, saved, width) => {
        cleanup();
        render(panelElement({ frames: series, options: saved as never, width, height: 500 }));
        expect(screen.queryByText(/could not render this data/)).toBeNull();
        const shown =
          screen.queryByTestId('panel-data-error') ??
          screen.queryByRole('status') ??
          screen.queryByText(/No policies recommended|needs at least/);
        expect(shown).not.toBeNull();
      }),
      { numRuns: 120 }
    );
    expect(error).not.toHaveBeenCalled();
  });
});

describe('the selection on screen', () => {
  const uniqueNames = (list: TestPolicy[]) => {
    const seen = new Set<string>();
    return list.filter((policy) => !seen.has(policy.metadata.name) && seen.add(policy.metadata.name));
  };

  test('survives a refresh with new data: the same policies keep their ticks, new ones start ticked', () => {
    const refresh = fc.record({
      before: fc.array(policyArbitrary, { minLength: 1, maxLength: 5 }),
      added: fc.array(policyArbitrary, { maxLength: 3 }),
      kept: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      clicks: fc.array(fc.nat(), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(refresh, ({ before, added, kept, clicks }) => {
        cleanup();
        // Names are the policies' identity on screen: one checkbox per name.
        const first = uniqueNames(before.map((p) => ({ ...p, metadata: { ...p.metadata, namespace: 'shop' } })));
        const { rerender } = render(panelElement({ frames: [policiesFrame(first)] }));
        for (const click of clicks) {
          fireEvent.click(screen.getByRole('checkbox', { name: first[click % first.length]!.metadata.name }));
        }
        const ticked = new Map(
          first.map((p) => [
            p.metadata.name,
            (screen.getByRole('checkbox', { name: p.metadata.name }) as HTMLInputElement).checked,
          ])
        );
        const second = uniqueNames([
          ...added.map((p) => ({
            ...p,
            metadata: { ...p.metadata, name: `new.${p.metadata.name}`, namespace: 'shop' },
          })),
          ...first.filter((_, i) => kept[i]).reverse(),
        ]);
        rerender(panelElement({ frames: [policiesFrame(second)] }));
        for (const policy of second) {
          const box = screen.getByRole('checkbox', { name: policy.metadata.name }) as HTMLInputElement;
          expect(box.checked, policy.metadata.name).toBe(ticked.get(policy.metadata.name) ?? true);
        }
      }),
      { numRuns: 25 }
    );
  });
});
