import { Button, InlineField, RadioButtonGroup, Stack } from '@grafana/ui';
import React from 'react';
import type { QueryFormat, QueryType } from '../types';

const modes: Array<{ label: string; value: QueryType; description: string }> = [
  {
    label: 'Builder',
    value: 'flows',
    description: 'Pick a flow question; it runs unchanged on ClickHouse and Snowflake',
  },
  { label: 'SQL', value: 'sql', description: 'Write SQL with macros and template variables' },
  {
    label: 'Policy recommendation',
    value: 'recommendPolicies',
    description: 'NetworkPolicies that allow exactly the observed connections, for the policy review panel',
  },
  {
    label: 'Anomaly detection',
    value: 'detectAnomalies',
    description:
      'Denied flows or throughput per endpoint against its own history: series, scores for alert rules, or a table',
  },
  {
    label: 'Service map',
    value: 'serviceMap',
    description: "Who talks to whom as nodes and edges, for Grafana's Node graph",
  },
];

/** Query types whose answer has one fixed shape, so there is no format to pick. */
const fixedShape: ReadonlySet<QueryType> = new Set(['recommendPolicies', 'serviceMap']);

const formats: Array<{ label: string; value: QueryFormat; description: string }> = [
  { label: 'Table', value: 'table', description: 'Rows as returned: for Sankey, chord, table and stat panels' },
  {
    label: 'Time series',
    value: 'timeseries',
    description: 'A time column plus values; one series per combination of the text columns',
  },
];

interface Props {
  queryType: QueryType;
  format: QueryFormat;
  onQueryTypeChange: (queryType: QueryType) => void;
  onFormatChange: (format: QueryFormat) => void;
  onRun: () => void;
  /** Present in SQL mode: toggles the macro table. */
  onToggleMacroHelp?: () => void;
  macroHelpShown?: boolean;
}

export function QueryHeader(props: Props) {
  return (
    <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
      <Stack gap={2} alignItems="center" wrap="wrap">
        <RadioButtonGroup
          size="sm"
          aria-label="Query mode"
          options={modes}
          value={props.queryType}
          onChange={props.onQueryTypeChange}
        />
        {/* A recommendation is always two tables, a service map nodes and edges: no format to pick. */}
        {!fixedShape.has(props.queryType) && (
          <InlineField
            label="Format"
            tooltip="Time series needs a time column; the backend pivots text columns into series"
          >
            {/* Named here too: Grafana 11.0's InlineField does not name the group it labels. */}
            <RadioButtonGroup
              size="sm"
              aria-label="Format"
              options={formats}
              value={props.format}
              onChange={props.onFormatChange}
            />
          </InlineField>
        )}
      </Stack>
      <Stack gap={1} alignItems="center">
        {props.onToggleMacroHelp && (
          <Button
            size="sm"
            variant="secondary"
            fill="text"
            icon="question-circle"
            aria-expanded={props.macroHelpShown}
            onClick={props.onToggleMacroHelp}
          >
            Macros
          </Button>
        )}
        <Button size="sm" icon="play" onClick={props.onRun}>
          Run query
        </Button>
      </Stack>
    </Stack>
  );
}
