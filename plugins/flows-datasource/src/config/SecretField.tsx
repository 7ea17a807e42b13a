import { Field, SecretInput, SecretTextArea } from '@grafana/ui';
import React, { useId, type ReactNode } from 'react';
import type { FlowsSecureJsonData } from '../types';
import { resetSecret, setSecret, type FlowsSettings } from './settingsChanges';

interface Props {
  options: FlowsSettings;
  onOptionsChange: (options: FlowsSettings) => void;
  secretKey: keyof FlowsSecureJsonData & string;
  label: string;
  description?: ReactNode;
  placeholder?: string;
  /** PEM keys and certificates span lines. */
  multiline?: boolean;
  required?: boolean;
  error?: string;
}

/**
 * A secret the browser can write but never read back: once saved it shows "configured" with a Reset
 * button (Grafana's SecretInput), and the backend receives it decrypted.
 */
export function SecretField({ options, onOptionsChange, secretKey, multiline, error, ...field }: Props) {
  const id = useId();
  const isConfigured = options.secureJsonFields?.[secretKey] === true;
  const value = options.secureJsonData?.[secretKey] ?? '';
  const onReset = () => onOptionsChange(resetSecret(options, secretKey));
  return (
    <Field {...field} invalid={!!error} error={error} htmlFor={id}>
      {multiline ? (
        <SecretTextArea
          id={id}
          rows={6}
          cols={60}
          isConfigured={isConfigured}
          value={value}
          placeholder={field.placeholder}
          onReset={onReset}
          onChange={(event) => onOptionsChange(setSecret(options, secretKey, event.currentTarget.value))}
        />
      ) : (
        <SecretInput
          id={id}
          width={40}
          isConfigured={isConfigured}
          value={value}
          placeholder={field.placeholder}
          onReset={onReset}
          onChange={(event) => onOptionsChange(setSecret(options, secretKey, event.currentTarget.value))}
        />
      )}
    </Field>
  );
}
