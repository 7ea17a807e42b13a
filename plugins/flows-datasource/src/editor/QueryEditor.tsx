import type { QueryEditorProps } from '@grafana/data';
import { Alert, ConfirmModal, Stack } from '@grafana/ui';
import React, { useState } from 'react';
import { defaultBuilderQuery, normalizeBuilderQuery } from '../builder/builderQuery';
import type { FlowsDataSource } from '../datasource';
import { defaultDetectModel, defaultSql } from '../query/defaultQueries';
import { queryTypeOf } from '../query/queryType';
import { normalizeRecommendQuery } from '../recommend/recommendQuery';
import type {
  FlowsBuilderQuery,
  FlowsDataSourceOptions,
  FlowsQuery,
  QueryFormat,
  QueryType,
  RecommendQuery,
} from '../types';
import { FlowsBuilder } from './FlowsBuilder';
import { anomalyDetectionHelp, serviceMapHelp } from './modelHelp';
import { listingMetric } from '../builder/vocabulary';
import { ModelJsonEditor } from './ModelJsonEditor';
import { QueryHeader } from './QueryHeader';
import { RecommendBuilder } from './RecommendBuilder';
import { SqlPreview } from './SqlPreview';
import { SqlQueryBody } from './SqlQueryBody';
import { useCompiledSql } from './useCompiledSql';

type Props = QueryEditorProps<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>;

/**
 * Panel and Explore queries: the Flows builder (with the SQL it compiles to), SQL, or a policy
 * recommendation. Switching keeps every part of the model, so going back and forth loses nothing;
 * replacing hand-written SQL with the builder's asks first. Builder, recommendation and format changes
 * run at once; SQL runs on Ctrl/Cmd+Enter.
 */
export function QueryEditor({ query, onChange, onRunQuery, datasource, range }: Props) {
  const queryType = queryTypeOf(query);
  const format: QueryFormat = query.format ?? 'table';
  const flows = normalizeBuilderQuery(query.flows ?? defaultBuilderQuery);
  const recommend = normalizeRecommendQuery(query.recommend);
  const compiled = useCompiledSql(datasource, query, range, queryType === 'flows');
  const [macroHelpShown, setMacroHelpShown] = useState(false);
  const [sqlToConfirm, setSqlToConfirm] = useState<string>();

  const changeAndRun = (next: FlowsQuery) => {
    onChange(next);
    onRunQuery();
  };
  const applySql = (rawSql: string) => changeAndRun({ ...query, queryType: 'sql', rawSql });
  const switchToSql = (builderSql?: string) => {
    const written = (query.rawSql ?? '').trim();
    if (builderSql && written !== '' && written !== builderSql.trim()) {
      setSqlToConfirm(builderSql);
      return;
    }
    applySql(builderSql ?? (written === '' ? defaultSql : query.rawSql!));
  };
  const onQueryTypeChange = (next: QueryType) => {
    if (next === 'sql') {
      switchToSql(queryType === 'flows' && compiled.status === 'ready' ? compiled.compiled.sql : undefined);
    } else if (next === 'recommendPolicies') {
      changeAndRun({ ...query, queryType: 'recommendPolicies', recommend });
    } else if (next === 'detectAnomalies') {
      changeAndRun({ ...query, queryType: 'detectAnomalies', detect: query.detect ?? defaultDetectModel });
    } else if (next === 'serviceMap') {
      changeAndRun({ ...query, queryType: 'serviceMap', serviceMap: query.serviceMap ?? { version: 1 } });
    } else {
      changeAndRun({ ...query, queryType: 'flows', flows });
    }
  };
  // The newest records are a list: a table, whatever format the query had.
  const onFlowsChange = (next: FlowsBuilderQuery) =>
    changeAndRun({
      ...query,
      queryType: 'flows',
      flows: next,
      ...(next.metric === listingMetric ? { format: 'table' as const } : {}),
    });
  const onRecommendChange = (next: RecommendQuery) =>
    changeAndRun({ ...query, queryType: 'recommendPolicies', recommend: next });

  return (
    <Stack direction="column" gap={1}>
      <QueryHeader
        queryType={queryType}
        format={format}
        onQueryTypeChange={onQueryTypeChange}
        onFormatChange={(next) => changeAndRun({ ...query, format: next })}
        onRun={onRunQuery}
        onToggleMacroHelp={queryType === 'sql' ? () => setMacroHelpShown(!macroHelpShown) : undefined}
        macroHelpShown={macroHelpShown}
      />
      {queryType === 'recommendPolicies' && (
        <>
          {recommend.version !== 1 && (
            <Alert severity="warning" title="Saved by a newer FlowLens">
              This policy recommendation is version {String(recommend.version)}; this plugin reads version 1. Update the
              plugin.
            </Alert>
          )}
          <RecommendBuilder recommend={recommend} onChange={onRecommendChange} datasource={datasource} range={range} />
        </>
      )}
      {queryType === 'flows' && (
        <>
          {flows.version !== 1 && (
            <Alert severity="warning" title="Saved by a newer FlowLens">
              This builder query is version {String(flows.version)}; this plugin reads version 1. Update the plugin, or
              edit it as SQL.
            </Alert>
          )}
          <FlowsBuilder flows={flows} format={format} onChange={onFlowsChange} datasource={datasource} range={range} />
          <SqlPreview state={compiled} engine={datasource.engine} onEditAsSql={switchToSql} />
        </>
      )}
      {queryType === 'detectAnomalies' && (
        <ModelJsonEditor
          title="Anomaly detection"
          help={anomalyDetectionHelp}
          model={query.detect}
          onChange={(detect) =>
            changeAndRun({ ...query, queryType: 'detectAnomalies', detect: { ...detect, version: 1 } })
          }
        />
      )}
      {queryType === 'serviceMap' && (
        <ModelJsonEditor
          title="Service map"
          help={serviceMapHelp}
          model={query.serviceMap as Record<string, unknown> | undefined}
          onChange={(serviceMap) =>
            changeAndRun({
              ...query,
              queryType: 'serviceMap',
              serviceMap: serviceMap as unknown as typeof query.serviceMap,
            })
          }
        />
      )}
      {queryType === 'sql' && (
        <SqlQueryBody
          datasource={datasource}
          sql={query.rawSql ?? ''}
          onSqlChange={(rawSql) => onChange({ ...query, queryType: 'sql', rawSql })}
          onRun={onRunQuery}
          showMacroHelp={macroHelpShown}
        />
      )}
      <ConfirmModal
        isOpen={sqlToConfirm !== undefined}
        title="Replace your SQL?"
        body="This query already has SQL you wrote. Replace it with the SQL of the builder, or keep yours?"
        confirmText="Use the builder's SQL"
        alternativeText="Keep my SQL"
        dismissText="Cancel"
        onConfirm={() => {
          applySql(sqlToConfirm!);
          setSqlToConfirm(undefined);
        }}
        onAlternative={() => {
          applySql(query.rawSql ?? '');
          setSqlToConfirm(undefined);
        }}
        onDismiss={() => setSqlToConfirm(undefined)}
      />
    </Stack>
  );
}
