import { Alert, Field, TextArea } from '@grafana/ui';
import React, { useState } from 'react';

interface Props {
  /** What the model is, in the user's words: "Anomaly detection", "Service map". */
  title: string;
  /** Where its fields are documented. */
  help: string;
  model: Record<string, unknown> | undefined;
  onChange: (model: Record<string, unknown>) => void;
}

/**
 * The query types without a form of their own (anomaly detection, the service map) edited as their
 * JSON model, checked before it is saved: a typo stays in the box with its error, never in the query.
 */
export function ModelJsonEditor({ title, help, model, onChange }: Props) {
  // What the user is typing; the saved model shows whenever no edit is under way.
  const [draft, setDraft] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const text = draft ?? JSON.stringify(model ?? { version: 1 }, null, 2);
  const commit = () => {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        setProblem('The model must be a JSON object, e.g. { "version": 1 }');
        return;
      }
      setProblem(undefined);
      setDraft(undefined);
      onChange(parsed as Record<string, unknown>);
    } catch (error) {
      setProblem(`Not JSON: ${(error as Error).message}`);
    }
  };
  return (
    <Field label={`${title} model (JSON)`} description={help} invalid={!!problem} error={problem}>
      <>
        <TextArea
          aria-label={`${title} model`}
          rows={8}
          value={text}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onBlur={commit}
        />
        {model?.version !== undefined && model.version !== 1 && (
          <Alert severity="warning" title="Saved by a newer FlowLens">
            This model is version {String(model.version)}; this plugin reads version 1. Update the plugin.
          </Alert>
        )}
      </>
    </Field>
  );
}
