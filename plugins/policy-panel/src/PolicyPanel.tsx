import React, { useMemo } from 'react';
import { type PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ErrorBoundaryAlert } from '@grafana/ui';
import { buildPolicyModel } from './data/policyModel';
import { withDefaults } from './optionDefaults';
import { PolicyReview } from './render/PolicyReview';
import { type PolicyOptions } from './types';

function PolicyPanelContent({
  id,
  data,
  options,
  fieldConfig,
  width,
  height,
  replaceVariables,
}: PanelProps<PolicyOptions>) {
  const policyOptions = useMemo(() => withDefaults(options), [options]);
  const policyData = useMemo(() => buildPolicyModel(data.series), [data.series]);
  if (policyData.kind === 'noData') {
    return <PanelDataErrorView panelId={id} data={data} fieldConfig={fieldConfig} />;
  }
  if (policyData.kind === 'problem') {
    return <PanelDataErrorView panelId={id} data={data} fieldConfig={fieldConfig} message={policyData.message} />;
  }
  return (
    // A new "Policies start" choice starts the review over.
    <PolicyReview
      key={policyOptions.initialSelection}
      model={policyData.model}
      options={policyOptions}
      width={width}
      height={height}
      fileName={replaceVariables(policyOptions.fileName)}
    />
  );
}

/**
 * The panel Grafana renders. Data problems are messages, not exceptions; should anything still throw,
 * the boundary shows it in this panel only and retries when data, options or size change.
 */
export function PolicyPanel(props: PanelProps<PolicyOptions>) {
  return (
    <ErrorBoundaryAlert
      title="The policy panel could not render this data"
      dependencies={[props.data, props.options, props.width, props.height]}
    >
      <PolicyPanelContent {...props} />
    </ErrorBoundaryAlert>
  );
}
