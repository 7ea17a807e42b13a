import { useEffect, useState } from 'react';
import type { FlowsDataSource } from '../datasource';
import type { CompiledSql } from '../query/compiledSql';
import { ResourceError } from '../query/resourceError';
import type { FlowsQuery } from '../types';

export type CompiledState =
  /** Not asked: the query is not a builder query. */
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; compiled: CompiledSql }
  | { status: 'error'; message: string }
  /** The backend has no compile resource yet. */
  | { status: 'unavailable' };

/** Wait for a pause in editing before asking the backend. */
const settleMs = 300;

interface CompileInput {
  query: FlowsQuery;
  timeRange?: { from: number; to: number };
}

/**
 * The SQL the backend will run for a builder query, refreshed when the model or the time range
 * changes. The request is keyed by its JSON, so a re-render with the same query asks nothing and an
 * answer to an older edit is never shown for a newer one.
 */
export function useCompiledSql(
  datasource: FlowsDataSource,
  query: FlowsQuery,
  range: { from: { valueOf(): number }; to: { valueOf(): number } } | undefined,
  enabled: boolean
): CompiledState {
  const input: CompileInput = {
    query: { refId: query.refId, queryType: query.queryType, format: query.format, flows: query.flows },
    timeRange: range && { from: range.from.valueOf(), to: range.to.valueOf() },
  };
  const key = JSON.stringify(input);
  const [answer, setAnswer] = useState<{ key: string; state: CompiledState }>();

  useEffect(() => {
    if (!enabled) {
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      const { query: asked, timeRange } = JSON.parse(key) as CompileInput;
      datasource.compile(asked, timeRange).then(
        (compiled) => current && setAnswer({ key, state: { status: 'ready', compiled } }),
        (failure: unknown) => {
          const missing = failure instanceof ResourceError && failure.missing;
          const state: CompiledState = missing
            ? { status: 'unavailable' }
            : { status: 'error', message: String((failure as Error).message) };
          if (current) {
            setAnswer({ key, state });
          }
        }
      );
    }, settleMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [datasource, key, enabled]);

  if (!enabled) {
    return { status: 'idle' };
  }
  return answer?.key === key ? answer.state : { status: 'loading' };
}
