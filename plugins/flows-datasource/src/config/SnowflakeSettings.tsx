import { Field, FieldSet, Input, RadioButtonGroup } from '@grafana/ui';
import React, { useId } from 'react';
import type { SnowflakeAuthType } from '../types';
import { SecretField } from './SecretField';
import { setJson, type FlowsSettings } from './settingsChanges';
import type { SettingsProblems } from './settingsValidation';

interface Props {
  options: FlowsSettings;
  onOptionsChange: (options: FlowsSettings) => void;
  problems: SettingsProblems;
}

const authTypes: Array<{ label: string; value: SnowflakeAuthType; description: string }> = [
  { label: 'Password', value: 'password', description: 'User and password' },
  {
    label: 'Key pair',
    value: 'keypair',
    description: "An RSA private key whose public key is set on the user: Snowflake's recommendation for services",
  },
  { label: 'OAuth', value: 'oauth', description: 'An OAuth access token' },
];

/** Snowflake: the account, who signs in and how, and where the FLOWS table lives. */
export function SnowflakeSettings({ options, onOptionsChange, problems }: Props) {
  const json = options.jsonData;
  const id = useId();
  const change = (patch: Parameters<typeof setJson>[1]) => onOptionsChange(setJson(options, patch));
  const authType = json.authType ?? 'password';
  const text = (
    key: 'role' | 'warehouse' | 'database' | 'schema',
    label: string,
    description: string,
    placeholder: string
  ) => (
    <Field label={label} htmlFor={`${id}-${key}`} description={description}>
      <Input
        id={`${id}-${key}`}
        width={40}
        placeholder={placeholder}
        value={json[key] ?? ''}
        onChange={(event) => change({ [key]: event.currentTarget.value })}
      />
    </Field>
  );
  return (
    <>
      <FieldSet label="Snowflake connection">
        <Field
          label="Account"
          required
          htmlFor={`${id}-account`}
          description="The account identifier (organization-account), as in https://<account>.snowflakecomputing.com"
          invalid={!!problems.account}
          error={problems.account}
        >
          <Input
            id={`${id}-account`}
            width={40}
            placeholder="myorg-myaccount"
            value={json.account ?? ''}
            onChange={(event) => change({ account: event.currentTarget.value })}
          />
        </Field>
        <Field
          label="Username"
          required
          htmlFor={`${id}-username`}
          invalid={!!problems.username}
          error={problems.username}
        >
          <Input
            id={`${id}-username`}
            width={40}
            value={json.username ?? ''}
            onChange={(event) => change({ username: event.currentTarget.value })}
          />
        </Field>
        <Field label="Authentication">
          <RadioButtonGroup options={authTypes} value={authType} onChange={(value) => change({ authType: value })} />
        </Field>
        {authType === 'password' && (
          <SecretField
            options={options}
            onOptionsChange={onOptionsChange}
            secretKey="password"
            label="Password"
            required
            error={problems.secret}
          />
        )}
        {authType === 'keypair' && (
          <>
            <SecretField
              options={options}
              onOptionsChange={onOptionsChange}
              secretKey="privateKey"
              label="Private key"
              description="PEM (PKCS#8), encrypted or not."
              placeholder="-----BEGIN PRIVATE KEY-----"
              multiline
              required
              error={problems.secret}
            />
            <SecretField
              options={options}
              onOptionsChange={onOptionsChange}
              secretKey="privateKeyPassphrase"
              label="Private key passphrase"
              description="Only for an encrypted key."
            />
          </>
        )}
        {authType === 'oauth' && (
          <SecretField
            options={options}
            onOptionsChange={onOptionsChange}
            secretKey="oauthToken"
            label="OAuth access token"
            required
            error={problems.secret}
          />
        )}
      </FieldSet>
      <FieldSet label="Context">
        {text('role', 'Role', "Defaults to the user's default role.", 'FLOWLENS_READER')}
        {text('warehouse', 'Warehouse', 'Runs the queries; an X-Small one is plenty.', 'COMPUTE_WH')}
        {text('database', 'Database', 'The database that holds the FLOWS table.', 'FLOWLENS')}
        {text('schema', 'Schema', 'The schema of the FLOWS table.', 'PUBLIC')}
      </FieldSet>
    </>
  );
}
