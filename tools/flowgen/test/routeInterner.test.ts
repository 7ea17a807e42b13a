import { describe, expect, it } from 'vitest';
import { generateFlows, RouteInterner, type FlowRecord } from '../src/index.ts';

// Records from outside (flowlens-ingest) share a route object exactly when every route field is equal,
// whatever the interner's short key leaves out.
describe('RouteInterner', () => {
  const records = [...generateFlows({ seed: 3, count: 2_000, scale: 1 })].map((record) => ({ ...record }));

  it('gives records with equal route fields one route object, and copies of them the same one', () => {
    const routes = new RouteInterner();
    const first = records.map((record) => routes.routeOf(record));
    const again = records.map((record) => routes.routeOf(JSON.parse(JSON.stringify(record)) as FlowRecord));
    expect(again).toEqual(first);
    again.forEach((route, i) => expect(route).toBe(first[i]));
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(new Set(first).size).toBeLessThan(records.length);
  });

  it('tells apart records that differ in a field outside its short key (same addresses and port)', () => {
    const routes = new RouteInterner();
    const record = records[0]!;
    const relabelled = { ...record, sourcePodLabels: `${record.sourcePodLabels} ` };
    const otherRule = { ...record, ingressNetworkPolicyRuleAction: (record.ingressNetworkPolicyRuleAction + 1) % 4 };
    const route = routes.routeOf(record);
    expect(routes.routeOf(relabelled)).not.toBe(route);
    expect(routes.routeOf(otherRule)).not.toBe(route);
    expect(routes.routeOf(relabelled).fields.sourcePodLabels).toBe(relabelled.sourcePodLabels);
    expect(routes.routeOf({ ...record })).toBe(route);
  });

  it('starts afresh past its capacity, and still answers with the record’s own fields', () => {
    const routes = new RouteInterner(2);
    const a = records[0]!;
    const b = { ...a, destinationTransportPort: a.destinationTransportPort + 1 };
    const c = { ...a, destinationTransportPort: a.destinationTransportPort + 2 };
    const routeA = routes.routeOf(a);
    routes.routeOf(b);
    const routeC = routes.routeOf(c);
    expect(routeC.fields.destinationTransportPort).toBe(c.destinationTransportPort);
    expect(routes.routeOf(a)).not.toBe(routeA);
    expect(routes.routeOf(a).fields).toEqual(routeA.fields);
  });
});
