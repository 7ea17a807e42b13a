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

/** Guards for both engines: how long a query may run and how many rows it may return. */
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
    </FieldSet>
  );
}
