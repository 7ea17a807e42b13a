import type { SelectableValue, TimeRange } from '@grafana/data';
import { Field, Input, MultiSelect, Select, Stack } from '@grafana/ui';
import { css } from '@emotion/css';
import React, { useId, useState } from 'react';
import { withCurrent } from '../builder/filterKeys';
import { groupFields, listingMetric, metrics, type Term, views } from '../builder/vocabulary';
import type { FlowsDataSource } from '../datasource';
import type { FlowsBuilderQuery, QueryFormat } from '../types';
import { BuilderFilters } from './BuilderFilters';
import { pickSeveral } from './pickSeveral';

interface Props {
  flows: FlowsBuilderQuery;
  format: QueryFormat;
  onChange: (flows: FlowsBuilderQuery) => void;
  datasource: FlowsDataSource;
  range?: TimeRange;
}

const maxTopN = 100_000;

/** The flow question: which traffic (view), how much of what (metric), split by what, filtered how. */
export function FlowsBuilder({ flows, format, onChange, datasource, range }: Props) {
  const update = (patch: Partial<FlowsBuilderQuery>) => onChange({ ...flows, ...patch });
  const listing = flows.metric === listingMetric;
  // Several queries share a panel editor: ids must differ between them.
  const id = useId();
  const changeTopN = (topN: number | undefined) => {
    // "All" is the absence of topN, so saved dashboards stay minimal.
    const { topN: _previous, ...rest } = flows;
    onChange(topN === undefined ? rest : { ...rest, topN });
  };
  return (
    <Stack direction="column" gap={1}>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <Field label="View">
          <Select
            inputId={`${id}-view`}
            width={24}
            options={withCurrent(views, flows.view)}
            value={flows.view}
            onChange={(option: SelectableValue<string>) => update({ view: option.value ?? flows.view })}
          />
        </Field>
        <Field label="Metric">
          <Select
            inputId={`${id}-metric`}
            width={30}
            options={withCurrent(metrics, flows.metric)}
            value={flows.metric}
            onChange={(option: SelectableValue<string>) => {
              const metric = option.value ?? flows.metric;
              // A listing takes no groups: drop them rather than leave a query the backend refuses.
              update(metric === listingMetric ? { metric, groupBy: [] } : { metric });
            }}
          />
        </Field>
        {!listing && (
          <Field label="Group by" description={format === 'timeseries' ? 'One series per group' : undefined}>
            <MultiSelect
              inputId={`${id}-group-by`}
              width="auto"
              className={groupByWidth}
              isClearable
              {...pickSeveral}
              placeholder="No grouping: one total"
              options={groupByOptions(flows.groupBy)}
              value={flows.groupBy}
              onChange={(options: Array<SelectableValue<string>>) =>
                update({ groupBy: options.flatMap((option) => (option.value ? [option.value] : [])) })
              }
            />
          </Field>
        )}
        <TopNField id={`${id}-top-n`} topN={flows.topN} format={format} listing={listing} onChange={changeTopN} />
      </Stack>
      <Field label="Filters" description="All must match. Values may be template variables such as $namespace.">
        <BuilderFilters
          filters={flows.filters}
          onChange={(filters) => update({ filters })}
          datasource={datasource}
          range={range}
        />
      </Field>
    </Stack>
  );
}

interface TopNProps {
  id: string;
  topN?: number;
  format: QueryFormat;
  listing: boolean;
  onChange: (topN: number | undefined) => void;
}

/** Keeps what the user typed while it is not yet a valid number, and says why it is not. */
function TopNField({ id, topN, format, listing, onChange }: TopNProps) {
  const [text, setText] = useState(topN === undefined ? '' : String(topN));
  const number = Number(text);
  const valid = text.trim() === '' || (Number.isInteger(number) && number >= 1 && number <= maxTopN);
  return (
    <Field
      label="Top N"
      invalid={!valid}
      error={`A whole number from 1 to ${maxTopN}, or empty for ${listing ? '10,000' : 'all'}`}
      description={
        listing ? 'Newest records' : format === 'timeseries' ? 'Largest series over the range' : 'Largest groups'
      }
    >
      <Input
        id={id}
        type="number"
        width={12}
        min={1}
        max={maxTopN}
        placeholder={listing ? '10000' : 'All'}
        value={text}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          setText(typed);
          const parsed = Number(typed);
          if (typed.trim() === '') {
            onChange(undefined);
          } else if (Number.isInteger(parsed) && parsed >= 1 && parsed <= maxTopN) {
            onChange(parsed);
          }
        }}
      />
    </Field>
  );
}

/** The builder's fields, plus any saved one this version does not know (so it shows and can be removed). */
function groupByOptions(groupBy: string[]): Term[] {
  const known: Term[] = groupFields.map(({ value, label, description }) => ({ value, label, description }));
  return groupBy.reduce<Term[]>((options, field) => withCurrent(options, field), known);
}

/** Room for a few fields side by side, growing with the fields picked up to a line's worth. */
const groupByWidth = css({ minWidth: 30 * 8, maxWidth: 90 * 8 });
