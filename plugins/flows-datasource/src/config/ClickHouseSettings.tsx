import { Field, FieldSet, Input, Switch } from '@grafana/ui';
import React, { useId } from 'react';
import { HttpHeadersEditor } from './HttpHeadersEditor';
import { SecretField } from './SecretField';
import { composeDefaults, setJson, type FlowsSettings } from './settingsChanges';
import type { SettingsProblems } from './settingsValidation';

interface Props {
  options: FlowsSettings;
  onOptionsChange: (options: FlowsSettings) => void;
  problems: SettingsProblems;
}

/** ClickHouse over its HTTP interface: where, who, which database, and how to trust its TLS. */
export function ClickHouseSettings({ options, onOptionsChange, problems }: Props) {
  const json = options.jsonData;
  const id = useId();
  const change = (patch: Parameters<typeof setJson>[1]) => onOptionsChange(setJson(options, patch));
  const https = (json.url ?? '').trim().toLowerCase().startsWith('https://');
  return (
    <>
      <FieldSet label="ClickHouse connection">
        <Field
          label="URL"
          required
          htmlFor={`${id}-url`}
          description="The HTTP interface: port 8123, or 8443 with TLS. With FlowLens's docker-compose: http://clickhouse:8123"
          invalid={!!problems.url}
          error={problems.url}
        >
          <Input
            id={`${id}-url`}
            width={50}
            placeholder={composeDefaults.url}
            value={json.url ?? ''}
            onChange={(event) => change({ url: event.currentTarget.value })}
          />
        </Field>
        <Field
          label="Username"
          htmlFor={`${id}-username`}
          description="A read-only user is enough: queries run with readonly=2. Compose creates flowlens_reader."
        >
          <Input
            id={`${id}-username`}
            width={40}
            placeholder="default"
            value={json.username ?? ''}
            onChange={(event) => change({ username: event.currentTarget.value })}
          />
        </Field>
        <SecretField
          options={options}
          onOptionsChange={onOptionsChange}
          secretKey="password"
          label="Password"
          description="Compose reads it from CLICKHOUSE_READER_PASSWORD."
        />
        <Field label="Database" htmlFor={`${id}-database`} description="The database that holds the flows table.">
          <Input
            id={`${id}-database`}
            width={40}
            placeholder="default"
            value={json.database ?? ''}
            onChange={(event) => change({ database: event.currentTarget.value })}
          />
        </Field>
        <Field
          label="Read per-minute rollups"
          htmlFor={`${id}-use-rollups`}
          description="Builder queries read the flows_minutes rollup where it gives the same answer as the raw records (docs/rollups.md), raw records otherwise. Off reads raw records always."
        >
          <Switch
            id={`${id}-use-rollups`}
            value={json.useRollups !== false}
            onChange={(event) => change({ useRollups: event.currentTarget.checked })}
          />
        </Field>
      </FieldSet>
      <FieldSet label="TLS">
        <Field
          label="Skip TLS certificate verification"
          htmlFor={`${id}-skip-verify`}
          description="Only for testing: anyone in the path could read the traffic."
        >
          <Switch
            id={`${id}-skip-verify`}
            value={json.tlsSkipVerify === true}
            onChange={(event) => change({ tlsSkipVerify: event.currentTarget.checked })}
          />
        </Field>
        {https && (
          <SecretField
            options={options}
            onOptionsChange={onOptionsChange}
            secretKey="tlsCACert"
            label="CA certificate"
            description="PEM certificate of the authority that signed the server's certificate, when it is not a public one."
            placeholder="-----BEGIN CERTIFICATE-----"
            multiline
          />
        )}
      </FieldSet>
      <FieldSet label="HTTP headers">
        <HttpHeadersEditor options={options} onOptionsChange={onOptionsChange} problems={problems.httpHeaders} />
      </FieldSet>
    </>
  );
}
