import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { defaultOptions, type Engine, type FlowsDataSourceOptions, type FlowsSecureJsonData } from './types';

type Props = DataSourcePluginOptionsEditorProps<FlowsDataSourceOptions, FlowsSecureJsonData>;

const engines = [
  { label: 'ClickHouse', value: 'clickhouse' as Engine },
  { label: 'Snowflake', value: 'snowflake' as Engine },
];

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = { ...defaultOptions, ...options.jsonData };
  const setJson = (patch: Partial<FlowsDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...options.jsonData, ...patch } });
  return (
    <>
      <Field label="Engine">
        <RadioButtonGroup options={engines} value={jsonData.engine} onChange={(engine) => setJson({ engine })} />
      </Field>
      <Field label="URL" description="ClickHouse HTTP(S) endpoint, e.g. http://clickhouse:8123">
        <Input value={jsonData.url ?? ''} onChange={(e) => setJson({ url: e.currentTarget.value })} />
      </Field>
      <Field label="Username">
        <Input value={jsonData.username ?? ''} onChange={(e) => setJson({ username: e.currentTarget.value })} />
      </Field>
      <Field label="Password">
        <SecretInput
          isConfigured={options.secureJsonFields?.password === true}
          value={options.secureJsonData?.password ?? ''}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              secureJsonData: { ...options.secureJsonData, password: e.currentTarget.value },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, password: false },
              secureJsonData: { ...options.secureJsonData, password: '' },
            })
          }
        />
      </Field>
      <Field label="Database">
        <Input value={jsonData.database} onChange={(e) => setJson({ database: e.currentTarget.value })} />
      </Field>
    </>
  );
}
