/**
 * A failed resource call (schema, values, compile) as a message the editor can show. Grafana's
 * fetch rejects with `{ status, data: { error | message } }`; our backend answers `{ error }`.
 */
export class ResourceError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message);
    this.name = 'ResourceError';
  }

  /** The backend predates this resource: a 404 for the path itself. */
  get missing(): boolean {
    return this.status === 404;
  }
}

export function toResourceError(failure: unknown, what: string): ResourceError {
  if (failure instanceof ResourceError) {
    return failure;
  }
  const response = failure as { status?: number; data?: { error?: unknown; message?: unknown }; message?: unknown };
  const detail = response?.data?.error ?? response?.data?.message ?? response?.message;
  const text = typeof detail === 'string' && detail !== '' ? detail : 'no answer from the datasource';
  return new ResourceError(`${what}: ${text}`, response?.status);
}
