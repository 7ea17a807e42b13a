import type { SelectableValue, TimeRange } from '@grafana/data';
import { Field, Input, MultiSelect, Select, Stack } from '@grafana/ui';
import { css } from '@emotion/css';
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
import { pickSeveral } from './pickSeveral';
import { type LoadSuggestions, useSuggestions } from './useSuggestions';

interface Props {
  recommend: RecommendQuery;
  onChange: (recommend: RecommendQuery) => void;
  datasource: FlowsDataSource;
  range?: TimeRange;
}

type ListKey = 'namespaces' | 'excludedNamespaces' | 'allowedNamespaces' | 'clusters';
type FlagKey = 'dropGeneratedLabels' | 'allowDns' | 'toServices';

const yesNo = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];
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
      <Select
        inputId={`${id}-${key}`}
        width={width}
        allowCustomValue
        options={withVariables(terms, variables, recommend[key])}
        value={recommend[key] ?? recommendDefaults[key]}
        onChange={(option: SelectableValue<string>) => update({ [key]: option.value })}
      />
    </Field>
  );

  const list = (key: ListKey, label: string, description: string, placeholder: string, load = namespaceOptions) => (
    <Field label={label} description={description}>
      <NameList
        inputId={`${id}-${key}`}
        load={load}
        placeholder={placeholder}
        names={recommend[key] ?? (key === 'allowedNamespaces' ? [...recommendDefaults.allowedNamespaces] : [])}
        onChange={(names) => update({ [key]: names })}
      />
    </Field>
  );

  const flag = (key: FlagKey, label: string, description: string) => (
    <Field label={label} description={description}>
      <Select
        inputId={`${id}-${key}`}
        width={16}
        allowCustomValue
        options={withVariables(yesNo, variables, String(recommend[key] ?? recommendDefaults[key]))}
        value={String(recommend[key] ?? recommendDefaults[key])}
        onChange={(option: SelectableValue<string>) =>
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
function withVariables(
  terms: ReadonlyArray<SelectableValue<string>>,
  variables: string[],
  current: string | undefined
): Array<SelectableValue<string>> {
  const options: Array<SelectableValue<string>> = [
    ...terms,
    ...variables.map((value) => ({ value, label: value, description: 'Template variable' })),
  ];
  if (current !== undefined && !options.some((option) => option.value === current)) {
    options.push({ value: current, label: current, description: 'Not known to this version of the plugin' });
  }
  return options;
}

interface NameListProps {
  inputId: string;
  load: LoadSuggestions;
  placeholder: string;
  names: string[];
  onChange: (names: string[]) => void;
}

/** Names picked from suggestions ($variables, names in the flows) or typed; clearable all at once. */
function NameList({ inputId, load, placeholder, names, onChange }: NameListProps) {
  const suggestions = useSuggestions(load);
  return (
    <MultiSelect
      {...suggestions}
      inputId={inputId}
      width="auto"
      className={listWidth}
      isClearable
      {...pickSeveral}
      allowCustomValue
      placeholder={placeholder}
      value={names.map((name) => ({ label: name, value: name }))}
      onChange={(picked: Array<SelectableValue<string>>) =>
        onChange(picked.flatMap((option) => (option.value ? [option.value] : [])))
      }
    />
  );
}

/** Room for a few names side by side, growing with the names picked up to a line's worth. */
const listWidth = css({ minWidth: 30 * 8, maxWidth: 80 * 8 });

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
