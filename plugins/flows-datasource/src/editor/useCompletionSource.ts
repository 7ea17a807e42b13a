import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowsDataSource } from '../datasource';
import type { DatabaseSchema } from '../schema/flowsSchema';
import type { CompletionSource } from '../sqlEditor/sqlCompletions';

/**
 * What the SQL editor's autocomplete reads: the schema (loaded once from the backend), the
 * dashboard's variables (read at each request, so new ones appear) and the engine for functions.
 * A schema failure is returned so the editor can say why tables and columns are missing.
 */
export function useCompletionSource(datasource: FlowsDataSource) {
  const schema = useRef<DatabaseSchema | undefined>(undefined);
  const [schemaError, setSchemaError] = useState<string>();

  useEffect(() => {
    let current = true;
    datasource.getSchema().then(
      (loaded) => {
        schema.current = loaded;
        if (current) {
          setSchemaError(undefined);
        }
      },
      (failure: Error) => current && setSchemaError(failure.message)
    );
    return () => {
      current = false;
    };
  }, [datasource]);

  const completionSource = useCallback(
    (): CompletionSource => ({
      engine: datasource.engine,
      schema: schema.current,
      variables: datasource.variableNames(),
    }),
    [datasource]
  );
  return { completionSource, schemaError };
}
