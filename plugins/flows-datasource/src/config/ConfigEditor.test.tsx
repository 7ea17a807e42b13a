import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React, { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { FlowsDataSourceOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';
import type { FlowsSettings } from './settingsChanges';
import { flowsSettings } from '../test/settingsFixture';

function settings(jsonData: FlowsDataSourceOptions, secureJsonFields: Record<string, boolean> = {}): FlowsSettings {
  return flowsSettings({ jsonData, secureJsonFields });
}

/** The config page as Grafana holds it: every change comes back as the new settings. */
function renderConfig(initial: FlowsSettings) {
  const changes: FlowsSettings[] = [];
  function Harness() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          changes.push(next);
          setOptions(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { changes, last: () => changes[changes.length - 1]! };
}

const clickhouse = settings({ engine: 'clickhouse', url: 'http://clickhouse:8123', username: 'flowlens_reader' });

describe('ConfigEditor', () => {
  it('fills a new datasource with the docker-compose connection once', () => {
    const { changes } = renderConfig(settings({}));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.jsonData).toMatchObject({
      engine: 'clickhouse',
      url: 'http://clickhouse:8123',
      username: 'flowlens_reader',
    });
    expect(screen.getByLabelText(/^URL/)).toHaveValue('http://clickhouse:8123');
  });

  it('leaves a configured datasource as it is', () => {
    const { changes } = renderConfig(clickhouse);
    expect(changes).toHaveLength(0);
  });

  it('shows exactly the ClickHouse fields', () => {
    renderConfig(clickhouse);
    for (const label of [
      /^URL/,
      /^Username/,
      /^Password/,
      /^Database/,
      /^Read per-minute rollups/,
      /^Skip TLS certificate verification/,
    ]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.queryByLabelText(/^Account/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Warehouse/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^CA certificate/)).not.toBeInTheDocument();
  });

  it('explains a URL it cannot use, and offers the CA certificate for https', async () => {
    const { last } = renderConfig(clickhouse);
    const url = screen.getByLabelText(/^URL/);
    await userEvent.clear(url);
    await userEvent.type(url, 'clickhouse:9000');
    expect(screen.getByText('Start with http:// or https://, e.g. http://clickhouse:9000')).toBeInTheDocument();
    await userEvent.clear(url);
    await userEvent.type(url, 'https://ch.example.com:8443');
    expect(last().jsonData.url).toBe('https://ch.example.com:8443');
    expect(screen.getByLabelText(/^CA certificate/)).toBeInTheDocument();
  });

  it('keeps the password secret and resets a saved one', async () => {
    const { last } = renderConfig(settings(clickhouse.jsonData, { password: true }));
    const field = screen.getByLabelText(/^Password/);
    expect(field).toHaveValue('configured');
    expect(field).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields.password).toBe(false);
    await userEvent.type(screen.getByLabelText(/^Password/), 'pw');
    expect(last().secureJsonData?.password).toBe('pw');
    expect(last().jsonData).not.toHaveProperty('password');
  });

  it('switches to Snowflake and shows what its authentication needs', async () => {
    const { last } = renderConfig(clickhouse);
    await userEvent.click(screen.getByRole('radio', { name: 'Snowflake' }));
    expect(last().jsonData).toMatchObject({ engine: 'snowflake', authType: 'password' });
    expect(screen.queryByLabelText(/^URL/)).not.toBeInTheDocument();
    expect(screen.getByText('Required: your account identifier, e.g. myorg-myaccount')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Account/), 'https://org-acct.snowflakecomputing.com');
    expect(screen.getByText('Use the account identifier, not the URL: org-acct')).toBeInTheDocument();
    for (const label of [/^Role/, /^Warehouse/, /^Database/, /^Schema/]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }

    await userEvent.click(screen.getByRole('radio', { name: 'Key pair' }));
    expect(last().jsonData.authType).toBe('keypair');
    // Only the "Password" choice of the authentication switch remains.
    expect(screen.getAllByLabelText(/^Password/).map((input) => input.getAttribute('type'))).toEqual(['radio']);
    await userEvent.type(screen.getByLabelText(/^Private key(?! passphrase)/), 'not a key');
    expect(screen.getByText(/^Paste the PEM key/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Private key passphrase/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'OAuth' }));
    expect(screen.getByLabelText(/^OAuth access token/)).toBeInTheDocument();
    expect(screen.getByText('Required for OAuth: an access token')).toBeInTheDocument();
  });

  it('reads rollups unless switched off', async () => {
    const { last } = renderConfig(clickhouse);
    const rollups = screen.getByLabelText(/^Read per-minute rollups/);
    expect(rollups).toBeChecked();
    await userEvent.click(rollups);
    expect(last().jsonData.useRollups).toBe(false);
  });

  it('saves limits as numbers and removes them when emptied', async () => {
    const { last } = renderConfig(clickhouse);
    const rows = screen.getByLabelText(/^Row limit/);
    await userEvent.type(rows, '5000');
    expect(last().jsonData.rowLimit).toBe(5000);
    await userEvent.clear(rows);
    expect(last().jsonData.rowLimit).toBeUndefined();
    await userEvent.type(screen.getByLabelText(/^Query timeout/), '7200');
    expect(screen.getByText('A whole number of seconds from 1 to 3,600')).toBeInTheDocument();
    const exportInterval = screen.getByLabelText(/^Flow export interval/);
    await userEvent.type(exportInterval, '30');
    expect(last().jsonData.exportIntervalSeconds).toBe(30);
    await userEvent.clear(exportInterval);
    expect(last().jsonData.exportIntervalSeconds).toBeUndefined();
  });

  it('adds a header whose value is stored encrypted', async () => {
    const { last } = renderConfig(clickhouse);
    await userEvent.click(screen.getByRole('button', { name: 'Add header' }));
    await userEvent.type(screen.getByLabelText('Header 1 name'), 'X-Token');
    await userEvent.type(screen.getByLabelText('Header 1 value'), 'abc');
    expect(last().jsonData.httpHeaders).toEqual([{ name: 'X-Token', value: '' }]);
    expect(last().secureJsonData).toEqual({ 'httpHeaderValue.X-Token': 'abc' });
    await userEvent.click(screen.getByRole('button', { name: 'Remove header X-Token' }));
    expect(last().jsonData.httpHeaders).toEqual([]);
    expect(last().secureJsonData).toEqual({});
  });

  it('tells what Save & test will check', () => {
    renderConfig(clickhouse);
    expect(screen.getByText(/checks that the flows table exists/)).toBeInTheDocument();
    expect(within(document.body).queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('ConfigEditor and Grafana', () => {
  it('never blocks Save & test: it renders no buttons of its own besides its fields', () => {
    const onOptionsChange = vi.fn();
    render(<ConfigEditor options={clickhouse} onOptionsChange={onOptionsChange} />);
    expect(screen.queryByRole('button', { name: /test/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });
});
