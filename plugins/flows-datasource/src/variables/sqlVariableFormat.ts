import type { Engine } from '../types';
import { escapeLiteralBody, quoteLiteral } from './sqlLiteral';

interface VariableShape {
  multi?: boolean;
  includeAll?: boolean;
}

/**
 * How template variables enter raw SQL (the convention of Grafana's SQL datasources):
 * - multi-value or "include All" variables become a comma-separated list of quoted literals, for
 *   `col IN ($var)`;
 * - single-value variables are escaped but not quoted, so `col = '$var'` stays one literal;
 * - numbers are written as they are.
 * Explicit formats (`${var:raw}`, `${var:csv}`…) bypass this, as in any Grafana datasource.
 */
export function sqlVariableFormat(engine: Engine) {
  return (value: unknown, variable?: VariableShape): string => {
    if (Array.isArray(value)) {
      return value.map((item) => quoteLiteral(engine, String(item))).join(',');
    }
    if (typeof value === 'number') {
      return String(value);
    }
    const text = String(value ?? '');
    return variable?.multi || variable?.includeAll ? quoteLiteral(engine, text) : escapeLiteralBody(engine, text);
  };
}
