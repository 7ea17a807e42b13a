/**
 * Errors the user can act on, with what failed and what to do. `kind` picks Grafana's status code
 * and whether the database ("downstream") or the query/configuration ("plugin") is at fault.
 */
export type EngineErrorKind =
  'connection' | 'authentication' | 'query' | 'timeout' | 'cancelled' | 'configuration' | 'server';

const statusByKind: Record<EngineErrorKind, number> = {
  connection: 502,
  authentication: 401,
  query: 400,
  timeout: 504,
  cancelled: 499,
  configuration: 400,
  server: 500,
};

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string
  ) {
    super(message);
    this.name = 'EngineError';
  }

  get status(): number {
    return statusByKind[this.kind];
  }

  get source(): 'plugin' | 'downstream' {
    return this.kind === 'query' || this.kind === 'configuration' ? 'plugin' : 'downstream';
  }
}
