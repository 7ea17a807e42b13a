import type { DataSourceApi } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { flowsDataSource } from '../test/datasourceFixture';
import type { FlowsQuery } from '../types';
import { QueryEditorHelp } from './QueryEditorHelp';

describe('QueryEditorHelp', () => {
  it('starts a query from an example and lists the macros for the engine', async () => {
    const onClickExample = vi.fn();
    render(
      <QueryEditorHelp
        datasource={flowsDataSource({ engine: 'snowflake' }) as unknown as DataSourceApi<FlowsQuery>}
        query={{ refId: 'A' }}
        onClickExample={onClickExample}
      />
    );
    await userEvent.click(screen.getByRole('button', { name: 'Use example: What NetworkPolicies dropped' }));
    expect(onClickExample).toHaveBeenCalledWith(
      expect.objectContaining({
        refId: 'A',
        queryType: 'flows',
        flows: expect.objectContaining({ view: 'policy', version: 1 }),
      })
    );
    expect(screen.getByLabelText('Macro help')).toHaveTextContent(
      "Snowflake literals double ' and escape \\ with a backslash"
    );
  });
});
