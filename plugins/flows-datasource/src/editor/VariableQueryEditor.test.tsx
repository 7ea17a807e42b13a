import type * as GrafanaUi from '@grafana/ui';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mountedEditors } from '../test/codeEditorShim';
import { flowsDataSource } from '../test/datasourceFixture';
import { findOption } from '../test/selectQueries';
import { flowsSchema } from '../test/schemaFixture';
import type { FlowsQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';

vi.mock('@grafana/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof GrafanaUi>()),
  CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
}));

function renderEditor(query: FlowsQuery | string) {
  const datasource = flowsDataSource();
  vi.spyOn(datasource, 'getSchema').mockResolvedValue(flowsSchema);
  vi.spyOn(datasource, 'variableNames').mockReturnValue(['cluster']);
  const onChange = vi.fn();
  const onRunQuery = vi.fn();
  render(<VariableQueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('VariableQueryEditor', () => {
  it('commits the SQL when the editor loses focus, not on every key', async () => {
    const { onChange } = renderEditor({ refId: 'variable', queryType: 'sql', rawSql: 'SELECT 1' });
    const editor = screen.getByLabelText('SQL editor');
    await userEvent.type(editor, '0');
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onChange).toHaveBeenCalledWith({
      refId: 'variable',
      queryType: 'sql',
      format: 'table',
      rawSql: 'SELECT 10',
    });
  });

  it('commits and refreshes on Ctrl/Cmd+Enter', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'variable', queryType: 'sql', rawSql: 'SELECT 1' });
    await userEvent.type(screen.getByLabelText('SQL editor'), '1');
    mountedEditors[mountedEditors.length - 1]!.pressCtrlEnter();
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ rawSql: 'SELECT 11' }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('writes the query for the values of a column', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'variable', queryType: 'sql', rawSql: '' });
    await userEvent.click(screen.getByLabelText(/^Values of a column/));
    await userEvent.keyboard('destinationPodNamespace');
    await userEvent.click(await findOption(/^destinationPodNamespace/));
    const rawSql = (onChange.mock.calls[0]![0] as FlowsQuery).rawSql;
    expect(rawSql).toBe(
      "SELECT DISTINCT destinationPodNamespace\nFROM flows\nWHERE $__timeFilter(flowEndSeconds) AND destinationPodNamespace != ''\nORDER BY destinationPodNamespace\nLIMIT 1000"
    );
    expect(screen.getByLabelText('SQL editor')).toHaveValue(rawSql);
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('reads a variable saved as a bare SQL string', () => {
    renderEditor('SELECT ns FROM flows');
    expect(screen.getByLabelText('SQL editor')).toHaveValue('SELECT ns FROM flows');
  });

  it('switches to the builder, whose group-by fields give the values, and back to SQL', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'variable', queryType: 'sql', rawSql: 'SELECT 1' });
    await userEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'variable',
      queryType: 'flows',
      format: 'table',
      rawSql: 'SELECT 1',
      flows: {
        version: 1,
        view: 'all',
        metric: 'flowRecords',
        groupBy: ['sourceNamespace', 'destinationNamespace'],
        filters: [],
      },
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('edits a builder variable with the Flows builder and keeps the SQL it had', async () => {
    const query: FlowsQuery = {
      refId: 'variable',
      queryType: 'flows',
      format: 'table',
      rawSql: 'SELECT 2',
      flows: { version: 1, view: 'all', metric: 'flowRecords', groupBy: ['cluster'], filters: [] },
    };
    const { onChange } = renderEditor(query);
    expect(screen.queryByLabelText('SQL editor')).toBeNull();
    await userEvent.click(screen.getByLabelText('View'));
    await userEvent.click(await findOption(/^Policy/));
    expect(onChange).toHaveBeenLastCalledWith({ ...query, flows: { ...query.flows, view: 'policy' } });
    await userEvent.click(screen.getByRole('radio', { name: 'SQL' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...query, queryType: 'sql', rawSql: 'SELECT 2' });
  });
});
