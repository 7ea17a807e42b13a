import type { TimeRange } from '@grafana/data';
import { Combobox, type ComboboxOption, Field, Input, MultiCombobox, Stack } from '@grafana/ui';
import React, { useId, useState } from 'react';
import type { Term } from '../builder/vocabulary';
import type { FlowsDataSource } from '../datasource';
import {
  granularities,
  isAntreaType,
  policyTypes,
  recommendDefaults,
  runTypes,
} from '../recommend/recommendVocabulary';
import type { RecommendQuery } from '../types';
import { useNameOptions } from './useNameOptions';

interface Props {
  recommend: RecommendQuery;
  onChange: (recommend: RecommendQuery) => void;
  datasource: FlowsDataSource;
  range?: TimeRange;
}

type ListKey = 'namespaces' | 'excludedNamespaces' | 'allowedNamespaces' | 'clusters';
type FlagKey = 'dropGeneratedLabels' | 'allowDns' | 'toServices';

const namespaceColumns = ['sourcePodNamespace', 'destinationPodNamespace'];
const maxFlowLimit = 10_000_000;

/**
 * The policy recommendation's settings: which policies (type, granularity, run), for which namespaces
 * and clusters, and how they are written. Every field takes a template variable too ($namespace), so
 * one dashboard serves every cluster; empty fields take the backend's defaults.
 */
export function RecommendBuilder({ recommend, onChange, datasource, range }: Props) {
  const id = useId();
  const variables = datasource.variableNames().map((name) => `$${name}`);
  const namespaceOptions = useNameOptions(datasource, namespaceColumns, range);
  const clusterOptions = useNameOptions(datasource, ['clusterUUID'], range);
  const update = (patch: Partial<RecommendQuery>) => onChange({ ...recommend, ...patch });
  const policyType = recommend.policyType ?? recommendDefaults.policyType;

  const choice = (key: 'policyType' | 'granularity' | 'runType', label: string, terms: readonly Term[], width = 30) => (
    <Field label={label}>
      <Combobox
        id={`${id}-${key}`}
        width={width}
        createCustomValue
        options={withVariables(terms, variables, recommend[key])}
        value={recommend[key] ?? recommendDefaults[key]}
        onChange={(option) => update({ [key]: option.value })}
      />
    </Field>
  );

  const list = (key: ListKey, label: string, description: string, placeholder: string, options = namespaceOptions) => (
    <Field label={label} description={description}>
      <MultiCombobox
        id={`${id}-${key}`}
        width="auto"
        minWidth={30}
        maxWidth={80}
        isClearable
        createCustomValue
        placeholder={placeholder}
        options={options}
        value={(recommend[key] ?? (key === 'allowedNamespaces' ? [...recommendDefaults.allowedNamespaces] : [])).map(
          (value) => ({ value })
        )}
        onChange={(picked) => update({ [key]: picked.map((option) => option.value) })}
      />
    </Field>
  );

  const flag = (key: FlagKey, label: string, description: string) => (
    <Field label={label} description={description}>
      <Combobox
        id={`${id}-${key}`}
        width={16}
        createCustomValue
        options={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
          ...variables.map((value) => ({ value, description: 'Template variable' })),
        ]}
        value={String(recommend[key] ?? recommendDefaults[key])}
        onChange={(option) =>
          update({ [key]: option.value === 'true' ? true : option.value === 'false' ? false : option.value })
        }
      />
    </Field>
  );

  return (
    <Stack direction="column" gap={2}>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        {choice('policyType', 'Policy type', policyTypes, 34)}
        {choice('granularity', 'One policy', granularities, 20)}
        {choice('runType', 'Run', runTypes, 20)}
      </Stack>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        {list('namespaces', 'Namespaces', 'Write policies for these; empty: every namespace seen', 'All namespaces')}
        {list(
          'excludedNamespaces',
          'Excluded namespaces',
          'No policies for these; their traffic still shapes the others’ rules',
          'None'
        )}
        {list(
          'allowedNamespaces',
          'Allow-listed namespaces',
          'Traffic to and from these is allowed wholesale (the CNI’s and flow pipeline’s own)',
          'None'
        )}
        {list('clusters', 'Clusters', 'clusterUUIDs to read; empty: all', 'All clusters', clusterOptions)}
      </Stack>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        {flag(
          'dropGeneratedLabels',
          'Drop generated labels',
          'Leave out pod-template-hash and other per-revision labels'
        )}
        {flag('allowDns', 'Allow DNS', 'Every policy may reach kube-dns on port 53')}
        {isAntreaType(policyType) &&
          flag('toServices', 'To Services', 'Antrea: allow pod-to-Service traffic by Service, not by backend labels')}
        <FlowLimitField
          id={`${id}-flowLimit`}
          flowLimit={recommend.flowLimit}
          onChange={(flowLimit) => {
            const { flowLimit: _previous, ...rest } = recommend;
            onChange(flowLimit === undefined ? rest : { ...rest, flowLimit });
          }}
        />
      </Stack>
    </Stack>
  );
}

/** The terms, the dashboard's variables, and the current value when it is neither (a typo, a newer plugin). */
function withVariables(terms: readonly Term[], variables: string[], current: string | undefined): ComboboxOption[] {
  const options: ComboboxOption[] = [
    ...terms,
    ...variables.map((value) => ({ value, description: 'Template variable' })),
  ];
  if (current !== undefined && !options.some((option) => option.value === current)) {
    options.push({ value: current, description: 'Not known to this version of the plugin' });
  }
  return options;
}

interface FlowLimitProps {
  id: string;
  flowLimit?: number | string;
  onChange: (flowLimit: number | string | undefined) => void;
}

/** A whole number, a $variable, or empty for the default; keeps what is typed while it is neither yet. */
function FlowLimitField({ id, flowLimit, onChange }: FlowLimitProps) {
  const [text, setText] = useState(flowLimit === undefined ? '' : String(flowLimit));
  const parse = (typed: string): number | string | undefined | null => {
    const trimmed = typed.trim();
    if (trimmed === '') return undefined;
    if (/^\$\{?\w+/.test(trimmed)) return trimmed;
    const number = Number(trimmed);
    return Number.isInteger(number) && number >= 1 && number <= maxFlowLimit ? number : null;
  };
  return (
    <Field
      label="Flow limit"
      invalid={parse(text) === null}
      error={`A whole number from 1 to ${maxFlowLimit}, a $variable, or empty for ${recommendDefaults.flowLimit}`}
      description="Kinds of connection read, busiest first"
    >
      <Input
        id={id}
        width={16}
        placeholder={String(recommendDefaults.flowLimit)}
        value={text}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setText(typed);
          const parsed = parse(typed);
          if (parsed !== null) onChange(parsed);
        }}
      />
    </Field>
  );
}
