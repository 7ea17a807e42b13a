import type { AnnotationQuery, QueryEditorProps } from '@grafana/data';
import { Button, Stack, Text } from '@grafana/ui';
import React, { useState } from 'react';
import type { FlowsDataSource } from '../datasource';
import { droppedFlowsAnnotationSql } from '../query/defaultQueries';
import type { FlowsDataSourceOptions, FlowsQuery } from '../types';
import { anomalyDetectionHelp } from './modelHelp';
import { ModelJsonEditor } from './ModelJsonEditor';
import { SqlQueryBody } from './SqlQueryBody';

type Props = QueryEditorProps<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions> & {
  annotation?: AnnotationQuery<FlowsQuery>;
  onAnnotationChange?: (annotation: AnnotationQuery<FlowsQuery>) => void;
};

/**
 * Annotation queries are SQL returning events. Grafana's own mapping UI (shown below this editor)
 * reads the columns by name; this says which names, and offers the dropped-flows example. An anomaly
 * detection annotation (the dashboards' dropped-flow bursts and abnormal denied flows) is edited as
 * its model, its windows outside the band being the events.
 */
export function AnnotationQueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const [macroHelpShown, setMacroHelpShown] = useState(false);
  if (query.queryType === 'detectAnomalies') {
    return (
      <ModelJsonEditor
        title="Anomaly detection"
        help={`Each window outside the band is an event. ${anomalyDetectionHelp}`}
        model={query.detect}
        onChange={(detect) => {
          onChange({ ...query, format: 'table', detect: { ...detect, version: 1 } });
          onRunQuery();
        }}
      />
    );
  }
  const setSql = (rawSql: string) => onChange({ ...query, queryType: 'sql', format: 'table', rawSql });
  return (
    <Stack direction="column" gap={1}>
      <Text element="p" color="secondary" variant="bodySmall">
        One row per event: <code>time</code> (required), <code>timeEnd</code> to mark a region, <code>text</code>,{' '}
        <code>tags</code> (comma-separated). Quote the aliases, as in <code>AS &quot;time&quot;</code>, so Snowflake
        keeps them lower-case.
      </Text>
      <Stack gap={1}>
        <Button
          size="sm"
          variant="secondary"
          icon="bolt"
          onClick={() => {
            setSql(droppedFlowsAnnotationSql);
            onRunQuery();
          }}
        >
          Example: bursts of dropped flows
        </Button>
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon="question-circle"
          aria-expanded={macroHelpShown}
          onClick={() => setMacroHelpShown(!macroHelpShown)}
        >
          Macros
        </Button>
        <Button size="sm" icon="play" onClick={onRunQuery}>
          Run query
        </Button>
      </Stack>
      <SqlQueryBody
        datasource={datasource}
        sql={query.rawSql ?? ''}
        onSqlChange={setSql}
        onRun={onRunQuery}
        showMacroHelp={macroHelpShown}
      />
    </Stack>
  );
}
