import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { series, table } from '../test/flowFrames';
import { DimensionListPicker, DimensionPicker } from './DimensionPicker';

const item = { id: 'sourceField', name: 'Source', settings: { placeholder: 'First text field' } };

describe('DimensionPicker', () => {
  it('offers text fields and time series labels, and saves the choice', async () => {
    const onChange = vi.fn();
    const data = [table({ sourcePodName: ['a'], bytes: [1] }), series('bps', { destinationPodName: 'b' }, [1])];
    render(<DimensionPicker value={undefined} onChange={onChange} context={{ data }} item={item} id="source" />);
    await userEvent.click(screen.getByText('First text field'));
    expect(screen.getByText('sourcePodName')).toBeInTheDocument();
    expect(screen.getByText('Label')).toBeInTheDocument();
    await userEvent.click(screen.getByText('destinationPodName'));
    expect(onChange).toHaveBeenCalledWith('destinationPodName');
  });

  it('keeps a saved choice the current data lacks, marked as such', async () => {
    render(<DimensionPicker value="gone" onChange={() => {}} context={{ data: [] }} item={item} id="source" />);
    await userEvent.click(screen.getByText('gone'));
    expect(screen.getByText('Not in the current data')).toBeInTheDocument();
  });
});

describe('DimensionListPicker', () => {
  it('adds hops in the order picked', async () => {
    const onChange = vi.fn();
    const data = [table({ ns: ['n'], pod: ['p'], svc: ['s'], bytes: [1] })];
    render(
      <DimensionListPicker
        value={['svc']}
        onChange={onChange}
        context={{ data }}
        item={{ ...item, id: 'hopFields' }}
        id="hops"
      />
    );
    await userEvent.click(screen.getByText('svc'));
    await userEvent.click(screen.getByText('ns'));
    expect(onChange).toHaveBeenLastCalledWith(['svc', 'ns']);
  });
});
