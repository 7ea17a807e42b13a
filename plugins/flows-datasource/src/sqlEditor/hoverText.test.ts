import { describe, expect, it } from 'vitest';
import { hoverText } from './hoverText';

describe('hoverText', () => {
  it('explains a macro written with its dollar', () => {
    expect(hoverText('__timeGroup', true)).toEqual([
      "**$__timeGroup(column, '5m')**",
      'The column rounded down to a fixed interval (30s, 5m, 1h, 1d…).',
      "Example: `SELECT $__timeGroup(flowEndSeconds, '1h') AS time, count(*) AS flows … GROUP BY time`",
    ]);
    expect(hoverText('__timeGroup', false)).toBeUndefined();
    expect(hoverText('__nope', true)).toBeUndefined();
  });

  it("explains a column's codes, whatever its case", () => {
    expect(hoverText('INGRESSNETWORKPOLICYRULEACTION', false)).toEqual([
      '**ingressNetworkPolicyRuleAction** (number)',
      '0 No policy, 1 Allow, 2 Drop, 3 Reject',
    ]);
    expect(hoverText('sourcePodName', false)).toBeUndefined();
  });
});
