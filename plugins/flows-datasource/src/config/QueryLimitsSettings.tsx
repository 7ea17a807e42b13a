import { Field, FieldSet, Input } from '@grafana/ui';
import React, { useId } from 'react';
import { defaultOptions } from '../types';
import { setJson, type FlowsSettings } from './settingsChanges';
import { limits, type SettingsProblems } from './settingsValidation';

interface Props {
  options: FlowsSettings;
  onOptionsChange: (options: FlowsSettings) => void;
  problems: SettingsProblems;
}

/** Empty input means "use the default": the setting is removed rather than saved as 0. */
const numberOrUnset = (text: string) => (text.trim() === '' ? undefined : Number(text));

/**
 * Guards for both engines (how long a query may run, how many rows it may return) and how often the
 * flow source writes a record per connection, which rates and time buckets depend on.
 */
export function QueryLimitsSettings({ options, onOptionsChange, problems }: Props) {
  const json = options.jsonData;
  const id = useId();
  return (
    <FieldSet label="Query limits">
      <Field
        label="Query timeout (seconds)"
        htmlFor={`${id}-timeout`}
        description={`Stops the query in the database too. Default ${defaultOptions.queryTimeoutSeconds}.`}
        invalid={!!problems.queryTimeoutSeconds}
        error={problems.queryTimeoutSeconds}
      >
        <Input
          id={`${id}-timeout`}
          type="number"
          width={20}
          min={limits.queryTimeoutSeconds.min}
          max={limits.queryTimeoutSeconds.max}
          placeholder={String(defaultOptions.queryTimeoutSeconds)}
          value={json.queryTimeoutSeconds ?? ''}
          onChange={(event) =>
            onOptionsChange(setJson(options, { queryTimeoutSeconds: numberOrUnset(event.currentTarget.value) }))
          }
        />
      </Field>
      <Field
        label="Row limit"
        htmlFor={`${id}-row-limit`}
        description={`Rows per query; a larger result is cut with a notice on the panel. Default ${defaultOptions.rowLimit.toLocaleString('en-US')}.`}
        invalid={!!problems.rowLimit}
        error={problems.rowLimit}
      >
        <Input
          id={`${id}-row-limit`}
          type="number"
          width={20}
          min={limits.rowLimit.min}
          max={limits.rowLimit.max}
          placeholder={String(defaultOptions.rowLimit)}
          value={json.rowLimit ?? ''}
          onChange={(event) =>
            onOptionsChange(setJson(options, { rowLimit: numberOrUnset(event.currentTarget.value) }))
          }
        />
      </Field>
      <Field
        label="Flow export interval (seconds)"
        htmlFor={`${id}-export-interval`}
        description={`How often the flow source writes a record per open connection: the Flow Aggregator's activeFlowRecordTimeout (Antrea's default ${defaultOptions.exportIntervalSeconds}). Throughput spreads each record over it and time buckets are never finer; when unsure, a longer value only coarsens graphs, a shorter one misreads them.`}
        invalid={!!problems.exportIntervalSeconds}
        error={problems.exportIntervalSeconds}
      >
        <Input
          id={`${id}-export-interval`}
          type="number"
          width={20}
          min={limits.exportIntervalSeconds.min}
          max={limits.exportIntervalSeconds.max}
          placeholder={String(defaultOptions.exportIntervalSeconds)}
          value={json.exportIntervalSeconds ?? ''}
          onChange={(event) =>
            onOptionsChange(setJson(options, { exportIntervalSeconds: numberOrUnset(event.currentTarget.value) }))
          }
        />
      </Field>
    </FieldSet>
  );
}
