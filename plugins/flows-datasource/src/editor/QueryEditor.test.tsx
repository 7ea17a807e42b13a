import type * as GrafanaUi from '@grafana/ui';
import { dateTime } from '@grafana/data';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ResourceError } from '../query/resourceError';
import { flowsDataSource } from '../test/datasourceFixture';
import { findOption, getOption, selectedText } from '../test/selectQueries';
import { flowsSchema } from '../test/schemaFixture';
import type { FlowsQuery } from '../types';
import { QueryEditor } from './QueryEditor';

vi.mock('@grafana/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof GrafanaUi>()),
  CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
}));

const range = { from: dateTime(1_000), to: dateTime(2_000), raw: { from: 'now-1h', to: 'now' } };

const builderQuery: FlowsQuery = {
  refId: 'A',
  queryType: 'flows',
  format: 'table',
  flows: { version: 1, view: 'pod-to-pod', metric: 'bytes', groupBy: ['sourcePod'], filters: [], topN: 50 },
};

interface Setup {
  compile?: () => Promise<{ sql: string; expandedSql?: string }>;
}

/** The editor as Grafana holds it: every change comes back as the new query. */
function renderEditor(initial: FlowsQuery, { compile }: Setup = {}) {
  const datasource = flowsDataSource();
  vi.spyOn(datasource, 'getSchema').mockResolvedValue(flowsSchema);
  vi.spyOn(datasource, 'getColumnValues').mockResolvedValue(['web', 'db']);
  vi.spyOn(datasource, 'variableNames').mockReturnValue(['namespace']);
  const compileSpy = vi
    .spyOn(datasource, 'compile')
    .mockImplementation(compile ?? (async () => ({ sql: 'SELECT builder', expandedSql: 'SELECT expanded' })));
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
  return { datasource, onRunQuery, changes, compileSpy, last: () => changes[changes.length - 1]! };
}

/** Opens a combobox, narrows it by typing, and picks the option whose name starts with `option`. */
async function choose(label: string | RegExp, option: string, typed = option) {
  await userEvent.click(screen.getByLabelText(label));
  // Typing with userEvent.type would click again and close the menu.
  await userEvent.keyboard(typed);
  await userEvent.click(await findOption(new RegExp(`^${option.replace(/[$]/g, '\\$&')}`)));
}

describe('QueryEditor: builder', () => {
  it('shows the model and the SQL the backend compiled for it', async () => {
    const { compileSpy } = renderEditor(builderQuery);
    expect(screen.getByRole('radio', { name: 'Builder' })).toBeChecked();
    expect(selectedText('View')).toBe('Pod to pod');
    expect(selectedText('Metric')).toBe('Bytes');
    expect(screen.getByText('Source pod')).toBeInTheDocument();
    expect(await screen.findByText('SELECT builder')).toBeInTheDocument();
    expect(compileSpy).toHaveBeenCalledWith(expect.objectContaining({ flows: builderQuery.flows }), {
      from: 1_000,
      to: 2_000,
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Expanded for ClickHouse' }));
    expect(screen.getByLabelText('Generated SQL')).toHaveTextContent('SELECT expanded');
  });

  it('runs the query when the metric changes', async () => {
    const { last, onRunQuery } = renderEditor(builderQuery);
    await choose('Metric', 'Throughput');
    expect(last().flows).toMatchObject({ metric: 'throughput', view: 'pod-to-pod', version: 1 });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('adds group-by fields in the order picked', async () => {
    const { last } = renderEditor(builderQuery);
    await choose('Group by', 'Destination namespace');
    expect(last().flows?.groupBy).toEqual(['sourcePod', 'destinationNamespace']);
  });

  it('builds a filter from a field, an operator and a suggested value', async () => {
    const { last, datasource } = renderEditor(builderQuery);
    await userEvent.click(screen.getByRole('button', { name: 'Add filter' }));
    await choose('Filter 1 field', 'Source namespace');
    // Opened without typing, the list holds only suggestions (typing would add a "custom value" option).
    await userEvent.click(screen.getByLabelText('Filter 1 value'));
    expect(await findOption(/^db/)).toBeInTheDocument();
    await userEvent.click(getOption(/^web/));
    expect(datasource.getColumnValues).toHaveBeenCalledWith('sourcePodNamespace', range);
    expect(last().flows?.filters).toEqual([{ key: 'sourceNamespace', operator: '=', value: 'web' }]);
  });

  it('offers template variables as filter values, and keeps values when switching to a list', async () => {
    const { last } = renderEditor(builderQuery);
    await userEvent.click(screen.getByRole('button', { name: 'Add filter' }));
    await choose('Filter 1 field', 'Destination namespace');
    await userEvent.click(screen.getByLabelText('Filter 1 value'));
    await userEvent.click(await findOption(/^\$namespace/));
    await choose('Filter 1 operator', 'not in');
    expect(last().flows?.filters).toEqual([{ key: 'destinationNamespace', operator: 'not in', value: ['$namespace'] }]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove filter 1' }));
    expect(last().flows?.filters).toEqual([]);
  });

  it('lists the newest records as a table, without groups, 10,000 unless Top N says', async () => {
    const { last } = renderEditor({ ...builderQuery, format: 'timeseries' });
    await choose('Metric', 'Newest flow records', 'Newest');
    expect(last()).toMatchObject({ format: 'table', flows: { metric: 'newestRecords', groupBy: [], topN: 50 } });
    expect(screen.queryByLabelText('Group by')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Top N/)).toHaveAttribute('placeholder', '10000');
    await choose('Metric', 'Bytes', 'Byt');
    expect(last().flows?.metric).toBe('bytes');
    expect(screen.getByLabelText('Group by')).toBeInTheDocument();
  });

  it('accepts a top N from 1 to 100000 and says so otherwise', async () => {
    const { last, changes } = renderEditor(builderQuery);
    const topN = screen.getByLabelText(/^Top N/);
    await userEvent.clear(topN);
    expect(last().flows).not.toHaveProperty('topN');
    const afterClear = changes.length;
    await userEvent.type(topN, '0');
    expect(screen.getByText('A whole number from 1 to 100000, or empty for all')).toBeInTheDocument();
    await userEvent.clear(topN);
    await userEvent.type(topN, '100001');
    expect(changes.slice(afterClear).map((change) => change.flows?.topN)).not.toContain(0);
    expect(last().flows?.topN).toBe(10000);
    await userEvent.clear(topN);
    await userEvent.type(topN, '7');
    expect(last().flows?.topN).toBe(7);
    expect(screen.queryByText('A whole number from 1 to 100000, or empty for all')).not.toBeInTheDocument();
  });

  it('shows why the backend cannot compile the query', async () => {
    renderEditor(builderQuery, {
      compile: () => Promise.reject(new ResourceError('could not compile the query: unknown view "mesh"', 400)),
    });
    expect(await screen.findByText('could not compile the query: unknown view "mesh"')).toBeInTheDocument();
  });

  it('still works against a backend without the compile resource', async () => {
    renderEditor(builderQuery, { compile: () => Promise.reject(new ResourceError('no resource', 404)) });
    expect(await screen.findByText(/needs a newer FlowLens backend/)).toBeInTheDocument();
  });

  it('warns about a builder version this plugin does not read', () => {
    renderEditor({ ...builderQuery, flows: { ...builderQuery.flows!, version: 2 as 1 } });
    expect(screen.getByText('Saved by a newer FlowLens')).toBeInTheDocument();
  });
});

describe('QueryEditor: switching modes', () => {
  it("turns the builder's SQL into a SQL query", async () => {
    const { last, onRunQuery } = renderEditor(builderQuery);
    await screen.findByText('SELECT builder');
    await userEvent.click(screen.getByRole('button', { name: 'Edit as SQL' }));
    expect(last()).toMatchObject({ queryType: 'sql', rawSql: 'SELECT builder', flows: builderQuery.flows });
    expect(onRunQuery).toHaveBeenCalled();
    expect(screen.getByLabelText('SQL editor')).toHaveValue('SELECT builder');
  });

  it('asks before replacing SQL the user wrote, and can keep it', async () => {
    const { last } = renderEditor({ ...builderQuery, rawSql: 'SELECT mine' });
    await screen.findByText('SELECT builder');
    await userEvent.click(screen.getByRole('radio', { name: 'SQL' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/already has SQL you wrote/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep my SQL' }));
    expect(last()).toMatchObject({ queryType: 'sql', rawSql: 'SELECT mine' });
  });

  it('replaces written SQL when confirmed', async () => {
    const { last } = renderEditor({ ...builderQuery, rawSql: 'SELECT mine' });
    await screen.findByText('SELECT builder');
    await userEvent.click(screen.getByRole('radio', { name: 'SQL' }));
    await userEvent.click(await screen.findByRole('button', { name: "Use the builder's SQL" }));
    expect(last()).toMatchObject({ queryType: 'sql', rawSql: 'SELECT builder' });
  });

  it('keeps the SQL when going to the builder and back', async () => {
    const { last } = renderEditor({ refId: 'A', queryType: 'sql', format: 'table', rawSql: 'SELECT kept' });
    await userEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(last()).toMatchObject({ queryType: 'flows', rawSql: 'SELECT kept', flows: { version: 1 } });
  });

  it('starts anomaly detection from Theia-like defaults, keeping the builder model for the way back', async () => {
    const { last, onRunQuery } = renderEditor(builderQuery);
    await userEvent.click(screen.getByRole('radio', { name: 'Anomaly detection' }));
    expect(last()).toMatchObject({
      queryType: 'detectAnomalies',
      detect: { version: 1, metric: 'deniedFlows', endpoint: 'pod', window: '5m', method: 'meanStddev', k: 3 },
      flows: builderQuery.flows,
    });
    expect(onRunQuery).toHaveBeenCalled();
    expect(screen.getByLabelText('Anomaly detection model')).toHaveValue(JSON.stringify(last().detect, null, 2));
    expect(screen.getByRole('radiogroup', { name: 'Format' })).toBeInTheDocument();
  });

  it('opens a service map with its model and no format choice, and keeps a saved model', async () => {
    const saved: FlowsQuery = { ...builderQuery, serviceMap: { version: 1, groupBy: 'namespace' } };
    const { last } = renderEditor(saved);
    await userEvent.click(screen.getByRole('radio', { name: 'Service map' }));
    expect(last()).toMatchObject({ queryType: 'serviceMap', serviceMap: { version: 1, groupBy: 'namespace' } });
    expect(screen.getByLabelText('Service map model')).toHaveValue(JSON.stringify(saved.serviceMap, null, 2));
    expect(screen.queryByRole('radiogroup', { name: 'Format' })).not.toBeInTheDocument();
  });
});

describe('QueryEditor: SQL', () => {
  const sqlQuery: FlowsQuery = { refId: 'A', queryType: 'sql', format: 'table', rawSql: 'SELECT 1' };

  it('updates the SQL as typed without running it, and does not compile', async () => {
    const { last, onRunQuery, compileSpy } = renderEditor(sqlQuery);
    await userEvent.type(screen.getByLabelText('SQL editor'), ' + 1');
    expect(last().rawSql).toBe('SELECT 1 + 1');
    expect(onRunQuery).not.toHaveBeenCalled();
    await act(() => new Promise((done) => setTimeout(done, 400)));
    expect(compileSpy).not.toHaveBeenCalled();
  });

  it('switches format and runs', async () => {
    const { last, onRunQuery } = renderEditor(sqlQuery);
    await userEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(last().format).toBe('timeseries');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the macro table on demand', async () => {
    renderEditor(sqlQuery);
    expect(screen.queryByLabelText('Macro help')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Macros' }));
    expect(
      within(screen.getByLabelText('Macro help')).getByText('$__conditionalAll(condition, $variable)')
    ).toBeInTheDocument();
  });

  it('says why tables and columns are not suggested', async () => {
    const datasource = flowsDataSource();
    vi.spyOn(datasource, 'getSchema').mockRejectedValue(new Error('could not read the schema: connection refused'));
    vi.spyOn(datasource, 'variableNames').mockReturnValue([]);
    render(<QueryEditor query={sqlQuery} datasource={datasource} onChange={() => {}} onRunQuery={() => {}} />);
    expect(await screen.findByRole('status')).toHaveTextContent('connection refused');
  });

  it('starts a SQL query from the example when switching with no SQL and no compiled SQL', async () => {
    const { last } = renderEditor(builderQuery, { compile: () => new Promise(() => {}) });
    await userEvent.click(screen.getByRole('radio', { name: 'SQL' }));
    await waitFor(() => expect(last().rawSql).toContain('$__timeFilter(flowEndSeconds)'));
  });
});
