import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import React, { useEffect, useRef } from 'react';
import { defaultOptions, type Engine, type FlowsDataSourceOptions, type FlowsSecureJsonData } from '../types';
import { ClickHouseSettings } from './ClickHouseSettings';
import { QueryLimitsSettings } from './QueryLimitsSettings';
import { isNewDatasource, switchEngine, withComposeDefaults } from './settingsChanges';
import { validateSettings } from './settingsValidation';
import { SnowflakeSettings } from './SnowflakeSettings';

type Props = DataSourcePluginOptionsEditorProps<FlowsDataSourceOptions, FlowsSecureJsonData>;

const engines: Array<{ label: string; value: Engine; description: string }> = [
  {
    label: 'ClickHouse',
    value: 'clickhouse',
    description: "Antrea's Flow Aggregator exports here; the compose kit runs one",
  },
  { label: 'Snowflake', value: 'snowflake', description: 'The same flows, in a FLOWS table' },
];

/**
 * One datasource, two engines: the switch shows exactly the fields the chosen engine needs. A new
 * datasource starts with the docker-compose values, so "Save & test" works there at once; the test
 * itself is Grafana's, showing the backend's health message (engine, version, rows, newest flow).
 */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const opened = useRef({ options, onOptionsChange });
  // Only as the editor opens: later edits must never be overwritten by defaults.
  useEffect(() => {
    const { options: initial, onOptionsChange: change } = opened.current;
    if (isNewDatasource(initial.jsonData)) {
      change(withComposeDefaults(initial));
    }
  }, []);

  const engine = options.jsonData.engine ?? defaultOptions.engine;
  const problems = validateSettings(options.jsonData, {
    configured: options.secureJsonFields ?? {},
    typed: (options.secureJsonData ?? {}) as Record<string, string | undefined>,
  });
  const settings = { options, onOptionsChange, problems };
  return (
    <Stack direction="column" gap={2}>
      <Field label="Engine" description="Where the flow records are stored">
        <RadioButtonGroup
          options={engines}
          value={engine}
          onChange={(next) => onOptionsChange(switchEngine(options, next))}
        />
      </Field>
      <div>
        {engine === 'clickhouse' ? <ClickHouseSettings {...settings} /> : <SnowflakeSettings {...settings} />}
        <QueryLimitsSettings {...settings} />
      </div>
      <Text element="p" color="secondary" variant="bodySmall">
        Save &amp; test connects from the Grafana server, checks that the flows table exists and reports its row count
        and newest flow. Credentials never reach the browser again after saving.
      </Text>
    </Stack>
  );
}
