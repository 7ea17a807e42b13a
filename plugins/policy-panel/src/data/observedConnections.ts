/**
 * The `observed` cell: a JSON array of the connections a policy allows, busiest first, e.g.
 * `shop/api → shop/worker via shop/worker:grpc 8080/TCP (12)`. Read only when a policy is expanded.
 */
export type ObservedList = { kind: 'list'; connections: string[] } | { kind: 'problem'; message: string };

export function readObserved(cell: string): ObservedList {
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return { kind: 'problem', message: `The observed connections are not a JSON list: ${cell.slice(0, 80)}` };
  }
  if (!Array.isArray(value)) {
    return { kind: 'problem', message: 'The observed connections are not a JSON list of texts.' };
  }
  return { kind: 'list', connections: value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) };
}
