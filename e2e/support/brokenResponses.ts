/**
 * Ways a real query answer goes wrong, made from the backend's own answer for a dashboard panel: a
 * renamed or dropped column, a column of the wrong type, no rows, a failed query, hostile names. Each
 * returns a new response; the backend's stays untouched for other specs.
 */
import type { BackendPanel } from '../backend/backendPanels.ts';
import type { FrameJSON, QueryResponseJSON } from '../host/panelSpec.ts';

type FrameEdit = (frame: FrameJSON) => FrameJSON;

function editFrames(panel: BackendPanel, edit: FrameEdit): QueryResponseJSON {
  const copy = structuredClone(panel.queryResponse);
  for (const result of Object.values(copy.results)) {
    result.frames = result.frames?.map(edit);
  }
  return copy;
}

function fieldIndex(frame: FrameJSON, name: string): number {
  const index = frame.schema.fields.findIndex((field) => field.name === name);
  if (index < 0) {
    throw new Error(`The backend's frame has no field ${name}`);
  }
  return index;
}

/** The frame without a column, as after someone edits the query's SELECT list. */
export function withoutField(panel: BackendPanel, name: string): QueryResponseJSON {
  return editFrames(panel, (frame) => {
    const index = fieldIndex(frame, name);
    return {
      schema: { ...frame.schema, fields: frame.schema.fields.filter((_, i) => i !== index) },
      data: { values: (frame.data?.values ?? []).filter((_, i) => i !== index) },
    };
  });
}

/** A column sent as text, as a `toString(bytes)` in the SQL would. */
export function fieldAsText(panel: BackendPanel, name: string): QueryResponseJSON {
  return editFrames(panel, (frame) => {
    const index = fieldIndex(frame, name);
    const fields = frame.schema.fields.map((field, i) => (i === index ? { ...field, type: 'string' as const } : field));
    const values = (frame.data?.values ?? []).map((column, i) => (i === index ? column.map(String) : column));
    return { schema: { ...frame.schema, fields }, data: { values } };
  });
}

/** The same columns and no rows: a time range with no traffic. */
export function withoutRows(panel: BackendPanel): QueryResponseJSON {
  return editFrames(panel, (frame) => ({
    schema: frame.schema,
    data: { values: frame.schema.fields.map(() => []) },
  }));
}

/** Every value of a column replaced, row by row (nulls, NaN, negatives …). */
export function withValues(panel: BackendPanel, name: string, valueAt: (row: number) => unknown): QueryResponseJSON {
  return editFrames(panel, (frame) => {
    const index = fieldIndex(frame, name);
    const values = (frame.data?.values ?? []).map((column, i) =>
      i === index ? column.map((_, row) => valueAt(row)) : column
    );
    return { schema: frame.schema, data: { values } };
  });
}

/** What Grafana's server answers when the datasource's backend reports a failed query. */
export function failedQuery(panel: BackendPanel, error: string): QueryResponseJSON {
  return {
    results: Object.fromEntries(
      Object.keys(panel.queryResponse.results).map((refId) => [
        refId,
        { status: 500, error, errorSource: 'downstream' },
      ])
    ),
  };
}
