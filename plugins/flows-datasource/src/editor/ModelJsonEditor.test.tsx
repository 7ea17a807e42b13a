import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ModelJsonEditor } from './ModelJsonEditor';

describe('ModelJsonEditor', () => {
  it('saves a JSON object on blur, and keeps a typo in the box with its error', async () => {
    const onChange = vi.fn();
    render(<ModelJsonEditor title="Anomaly detection" help="fields" model={{ version: 1 }} onChange={onChange} />);
    const box = screen.getByLabelText('Anomaly detection model');
    await userEvent.clear(box);
    await userEvent.type(box, '{{"version": 1, "metric": "throughput"}');
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith({ version: 1, metric: 'throughput' });
    await userEvent.clear(box);
    await userEvent.type(box, '{{"version": 1,');
    await userEvent.tab();
    expect(screen.getByText(/^Not JSON:/)).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledTimes(1);
    await userEvent.clear(box);
    await userEvent.type(box, '[[1]');
    await userEvent.tab();
    expect(screen.getByText('The model must be a JSON object, e.g. { "version": 1 }')).toBeInTheDocument();
  });

  it('warns about a model saved by a newer FlowLens', () => {
    render(<ModelJsonEditor title="Service map" help="fields" model={{ version: 2 }} onChange={() => undefined} />);
    expect(screen.getByText('Saved by a newer FlowLens')).toBeInTheDocument();
  });
});
