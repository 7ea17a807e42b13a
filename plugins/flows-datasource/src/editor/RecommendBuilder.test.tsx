import type * as GrafanaUi from '@grafana/ui';
import { dateTime } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { flowsDataSource } from '../test/datasourceFixture';
import { findOption, getOption, pillNames, selectedText } from '../test/selectQueries';
import type { FlowsQuery } from '../types';
import { QueryEditor } from './QueryEditor';

vi.mock('@grafana/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof GrafanaUi>()),
  CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
}));

const range = { from: dateTime(1_000), to: dateTime(2_000), raw: { from: 'now-24h', to: 'now' } };

const recommendation: FlowsQuery = { refId: 'A', queryType: 'recommendPolicies', recommend: { version: 1 } };

/** The editor as Grafana holds it: every change comes back as the new query. */
function renderEditor(initial: FlowsQuery) {
  const datasource = flowsDataSource();
  const columnValues: Record<string, string[]> = {
    sourcePodNamespace: ['shop', 'bookinfo'],
    destinationPodNamespace: ['shop', 'db'],
    clusterUUID: ['c-1'],
  };
  vi.spyOn(datasource, 'getColumnValues').mockImplementation(async (column) => columnValues[column] ?? []);
  vi.spyOn(datasource, 'variableNames').mockReturnValue(['namespace', 'allowDns']);
  vi.spyOn(datasource, 'compile').mockResolvedValue({ sql: 'SELECT builder' });
  const onRunQuery = vi.fn();
  const changes: FlowsQuery[] = [];
  function Harness() {
    const [query, setQuery] = useState(initial);
    return (
      <QueryEditor
        query={query}
        datasource={datasource}
        range={range}
        onRunQuery={onRunQuery}
        onChange={(next) => {
          changes.push(next);
          setQuery(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { datasource, onRunQuery, changes, last: () => changes[changes.length - 1]! };
}

/** Opens a combobox, narrows it by typing (unless typed is empty), and picks the option whose name starts with `option`. */
async function choose(label: string | RegExp, option: string, typed = option) {
  await userEvent.click(screen.getByLabelText(label));
  if (typed !== '') await userEvent.keyboard(typed);
  await userEvent.click(await findOption(new RegExp(`^${option.replace(/[$]/g, '\\$&')}`)));
}

describe('QueryEditor: policy recommendation', () => {
  it('is a third mode beside the builder and SQL, keeping the other parts of the query', async () => {
    const flows = { version: 1 as const, view: 'all', metric: 'bytes', groupBy: [], filters: [] };
    const { last, onRunQuery } = renderEditor({ refId: 'A', queryType: 'flows', flows, format: 'table' });
    await userEvent.click(screen.getByRole('radio', { name: 'Policy recommendation' }));
    expect(last()).toEqual({
      refId: 'A',
      queryType: 'recommendPolicies',
      flows,
      format: 'table',
      recommend: { version: 1 },
    });
    expect(onRunQuery).toHaveBeenCalled();
    // A recommendation is always tables: no format to pick, no SQL preview.
    expect(screen.queryByRole('radio', { name: 'Time series' })).toBeNull();
    expect(screen.queryByText('SELECT builder')).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(last()).toMatchObject({ queryType: 'flows', flows, recommend: { version: 1 } });
  });

  it("shows the backend's defaults where nothing is chosen", () => {
    renderEditor(recommendation);
    expect(selectedText('Policy type')).toBe('Kubernetes NetworkPolicy');
    expect(selectedText('One policy')).toBe('Per workload');
    expect(selectedText('Run')).toBe('Initial');
    expect(selectedText(/^Allow DNS/)).toBe('Yes');
    expect(selectedText(/^Drop generated labels/)).toBe('Yes');
    expect(screen.getByPlaceholderText('100000')).toHaveValue('');
    expect(pillNames(/^Allow-listed namespaces/)).toEqual(['kube-system', 'flow-aggregator', 'flow-visibility']);
  });

  it('picks a policy type and runs; "To Services" appears only for Antrea types', async () => {
    const { last, onRunQuery } = renderEditor(recommendation);
    expect(screen.queryByLabelText(/^To Services/)).toBeNull();
    await choose('Policy type', 'Antrea, deny all', 'deny all');
    expect(last().recommend).toEqual({ version: 1, policyType: 'anp-deny-all' });
    expect(onRunQuery).toHaveBeenCalled();
    await choose(/^To Services/, 'No', '');
    expect(last().recommend).toEqual({ version: 1, policyType: 'anp-deny-all', toServices: false });
    await choose('One policy', 'Per namespace', 'namespace');
    await choose('Run', 'Subsequent', 'Sub');
    expect(last().recommend).toMatchObject({ granularity: 'namespace', runType: 'subsequent' });
  });

  it('takes namespaces from both ends of the flows and the dashboard’s variables', async () => {
    const { last, datasource } = renderEditor(recommendation);
    await userEvent.click(screen.getByLabelText(/^Namespaces/));
    expect(await findOption(/^db/)).toBeInTheDocument();
    expect(getOption(/^bookinfo/)).toBeInTheDocument();
    await userEvent.click(getOption(/^\$namespace/));
    await userEvent.click(getOption(/^shop/));
    expect(last().recommend?.namespaces).toEqual(['$namespace', 'shop']);
    expect(datasource.getColumnValues).toHaveBeenCalledWith('sourcePodNamespace', range);
    expect(datasource.getColumnValues).toHaveBeenCalledWith('destinationPodNamespace', range);
  });

  it('accepts a namespace typed that the flows do not show, and clusters by UUID', async () => {
    const { last } = renderEditor(recommendation);
    await userEvent.click(screen.getByLabelText(/^Excluded namespaces/));
    await userEvent.keyboard('staging');
    await userEvent.click(await findOption(/^staging/));
    expect(last().recommend?.excludedNamespaces).toEqual(['staging']);
    await choose(/^Clusters/, 'c-1', 'c-');
    expect(last().recommend?.clusters).toEqual(['c-1']);
  });

  it('edits the allow list starting from the defaults', async () => {
    const { last } = renderEditor(recommendation);
    const pill = screen.getByText('kube-system').parentElement!;
    await userEvent.click(within(pill).getByRole('button', { name: 'Remove' }));
    expect(last().recommend?.allowedNamespaces).toEqual(['flow-aggregator', 'flow-visibility']);
  });

  it('flags take Yes, No or a template variable', async () => {
    const { last } = renderEditor(recommendation);
    await choose(/^Allow DNS/, 'No', '');
    expect(last().recommend?.allowDns).toBe(false);
    await choose(/^Allow DNS/, '$allowDns', '$allow');
    expect(last().recommend?.allowDns).toBe('$allowDns');
    expect(selectedText(/^Allow DNS/)).toBe('$allowDns');
  });

  it('shows a variable saved in a choice, as the dashboards save them', () => {
    renderEditor({ ...recommendation, recommend: { version: 1, policyType: '$policyType', granularity: 'cluster' } });
    expect(selectedText('Policy type')).toBe('$policyType');
    expect(selectedText('One policy')).toBe('cluster');
  });

  it('accepts a flow limit from 1 to 10000000 or a variable, and says so otherwise', async () => {
    const { last } = renderEditor(recommendation);
    const limit = screen.getByLabelText(/^Flow limit/);
    await userEvent.type(limit, '5000');
    expect(last().recommend?.flowLimit).toBe(5000);
    await userEvent.clear(limit);
    expect(last().recommend).not.toHaveProperty('flowLimit');
    await userEvent.type(limit, '0');
    expect(
      screen.getByText(/A whole number from 1 to 10000000, a \$variable, or empty for 100000/)
    ).toBeInTheDocument();
    await userEvent.clear(limit);
    await userEvent.type(limit, '$limit');
    expect(last().recommend?.flowLimit).toBe('$limit');
  });

  it('warns about a recommendation version this plugin does not read', () => {
    renderEditor({ ...recommendation, recommend: { version: 2 as 1 } });
    expect(screen.getByText('Saved by a newer FlowLens')).toBeInTheDocument();
  });
});
