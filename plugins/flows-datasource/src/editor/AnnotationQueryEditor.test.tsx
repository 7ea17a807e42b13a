import type * as GrafanaUi from '@grafana/ui';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { flowsAnnotationSupport } from '../annotations/flowsAnnotationSupport';
import { droppedFlowsAnnotationSql } from '../query/defaultQueries';
import { flowsDataSource } from '../test/datasourceFixture';
import { flowsSchema } from '../test/schemaFixture';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

vi.mock('@grafana/ui', async (importOriginal) => ({
  ...(await importOriginal<typeof GrafanaUi>()),
  CodeEditor: (await import('../test/codeEditorShim')).CodeEditorShim,
}));

describe('AnnotationQueryEditor', () => {
  it('names the columns Grafana reads and inserts the dropped-flows example', async () => {
    const datasource = flowsDataSource();
    vi.spyOn(datasource, 'getSchema').mockResolvedValue(flowsSchema);
    vi.spyOn(datasource, 'variableNames').mockReturnValue([]);
    const onChange = vi.fn();
    const onRunQuery = vi.fn();
    render(
      <AnnotationQueryEditor
        query={{ refId: 'Anno', queryType: 'sql', rawSql: '' }}
        datasource={datasource}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
    );
    expect(screen.getByText(/One row per event/)).toHaveTextContent(
      'time (required), timeEnd to mark a region, text, tags'
    );
    await userEvent.click(screen.getByRole('button', { name: 'Example: bursts of dropped flows' }));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'Anno',
      queryType: 'sql',
      format: 'table',
      rawSql: droppedFlowsAnnotationSql,
    });
    expect(onRunQuery).toHaveBeenCalled();
  });
});

describe('AnnotationQueryEditor: anomaly detection', () => {
  it('edits the model of an anomaly detection annotation, not SQL', async () => {
    const datasource = flowsDataSource();
    const onChange = vi.fn();
    const detect = {
      version: 1 as const,
      endpoint: 'cluster',
      method: 'threshold',
      threshold: 300,
      output: 'anomalies',
    };
    render(
      <AnnotationQueryEditor
        query={{ refId: 'Anno', queryType: 'detectAnomalies', format: 'table', detect }}
        datasource={datasource}
        onChange={onChange}
        onRunQuery={vi.fn()}
      />
    );
    expect(screen.queryByText(/One row per event/)).not.toBeInTheDocument();
    const box = screen.getByLabelText('Anomaly detection model');
    expect(JSON.parse((box as HTMLTextAreaElement).value)).toEqual(detect);
    await userEvent.clear(box);
    // userEvent reads { and [ as key descriptors: doubled, they are typed as they are.
    await userEvent.type(box, '{{"endpoint": "cluster", "method": "threshold", "threshold": 500}');
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'Anno',
      queryType: 'detectAnomalies',
      format: 'table',
      detect: { endpoint: 'cluster', method: 'threshold', threshold: 500, version: 1 },
    });
  });
});

describe('flowsAnnotationSupport', () => {
  it('starts new annotations with the dropped-flows query', () => {
    expect(flowsAnnotationSupport.getDefaultQuery!()).toMatchObject({
      queryType: 'sql',
      format: 'table',
      rawSql: droppedFlowsAnnotationSql,
    });
  });

  it('reads SQL saved as a bare string', () => {
    const prepared = flowsAnnotationSupport.prepareAnnotation!({
      name: 'drops',
      enable: true,
      iconColor: 'red',
      rawQuery: 'SELECT 1',
    });
    expect(prepared.target).toEqual({ refId: 'Anno', queryType: 'sql', format: 'table', rawSql: 'SELECT 1' });
  });

  it('always runs a table and skips an empty query', () => {
    const base = { name: 'drops', enable: true, iconColor: 'red' };
    expect(
      flowsAnnotationSupport.prepareQuery!({
        ...base,
        target: { refId: '', queryType: 'sql', format: 'timeseries', rawSql: 'SELECT 1' },
      })
    ).toEqual({ refId: 'Anno', queryType: 'sql', format: 'table', rawSql: 'SELECT 1' });
    expect(flowsAnnotationSupport.prepareQuery!({ ...base, target: { refId: 'A', rawSql: ' ' } })).toBeUndefined();
  });
});
