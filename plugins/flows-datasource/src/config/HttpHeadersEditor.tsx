import { Button, Field, IconButton, Input, SecretInput, Stack } from '@grafana/ui';
import React from 'react';
import type { SettingsProblems } from './settingsValidation';
import {
  addHeader,
  headerSecretKey,
  removeHeader,
  renameHeader,
  resetSecret,
  setHeaderValue,
  type FlowsSettings,
} from './settingsChanges';

interface Props {
  options: FlowsSettings;
  onOptionsChange: (options: FlowsSettings) => void;
  problems?: SettingsProblems['httpHeaders'];
}

/**
 * Extra headers on every ClickHouse request (a proxy's token, a tenant id). Values are stored
 * encrypted; a plain value set by provisioning stays plain and editable.
 */
export function HttpHeadersEditor({ options, onOptionsChange, problems }: Props) {
  const headers = options.jsonData.httpHeaders ?? [];
  return (
    <Stack direction="column" gap={1}>
      {headers.map((header, index) => {
        const secretKey = headerSecretKey(header.name);
        const plain = header.value !== '';
        return (
          <Field key={index} invalid={!!problems?.[index]} error={problems?.[index]}>
            <Stack gap={1} alignItems="center">
              <Input
                aria-label={`Header ${index + 1} name`}
                width={24}
                placeholder="X-Header-Name"
                value={header.name}
                onChange={(event) => onOptionsChange(renameHeader(options, index, event.currentTarget.value))}
              />
              {plain ? (
                <Input
                  aria-label={`Header ${index + 1} value`}
                  width={40}
                  value={header.value}
                  onChange={(event) =>
                    onOptionsChange(setHeaderValue(options, index, event.currentTarget.value, false))
                  }
                />
              ) : (
                <SecretInput
                  aria-label={`Header ${index + 1} value`}
                  width={40}
                  placeholder="Value (stored encrypted)"
                  isConfigured={options.secureJsonFields?.[secretKey] === true}
                  value={options.secureJsonData?.[secretKey] ?? ''}
                  onReset={() => onOptionsChange(resetSecret(options, secretKey))}
                  onChange={(event) => onOptionsChange(setHeaderValue(options, index, event.currentTarget.value, true))}
                />
              )}
              <IconButton
                name="trash-alt"
                tooltip={`Remove header ${header.name || index + 1}`}
                onClick={() => onOptionsChange(removeHeader(options, index))}
              />
            </Stack>
          </Field>
        );
      })}
      <div>
        <Button size="sm" variant="secondary" icon="plus" onClick={() => onOptionsChange(addHeader(options))}>
          Add header
        </Button>
      </div>
    </Stack>
  );
}
