import type { TimeRange } from '@grafana/data';
import { Button, Stack } from '@grafana/ui';
import React from 'react';
import type { FlowsDataSource } from '../datasource';
import type { FlowsFilter } from '../types';
import { FilterRow } from './FilterRow';

interface Props {
  filters: FlowsFilter[];
  onChange: (filters: FlowsFilter[]) => void;
  datasource: FlowsDataSource;
  range?: TimeRange;
}

const newFilter: FlowsFilter = { key: '', operator: '=', value: '' };

/** All filters must hold (AND). A row without a field is left out of the query until it has one. */
export function BuilderFilters({ filters, onChange, datasource, range }: Props) {
  return (
    <Stack direction="column" gap={1}>
      {filters.map((filter, index) => (
        <FilterRow
          key={index}
          position={index + 1}
          filter={filter}
          datasource={datasource}
          range={range}
          onChange={(changed) => onChange(filters.map((item, i) => (i === index ? changed : item)))}
          onRemove={() => onChange(filters.filter((_, i) => i !== index))}
        />
      ))}
      <div>
        <Button size="sm" variant="secondary" icon="plus" onClick={() => onChange([...filters, newFilter])}>
          Add filter
        </Button>
      </div>
    </Stack>
  );
}
