import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseServer } from '@flowlens/testkit';
import { PacketbeatFlowTotals, parseLine, policyEventsOf } from '../src/index.ts';
import { clickhouseWithSchema, post, startHarness, type Harness } from './helpers/harness.ts';
import { fixtureJson, fixtureLines } from './helpers/fixtures.ts';

const context = { clusterUUID: '', packetbeatTotals: new PacketbeatFlowTotals() };
const reasons = new Set([
  'not-json',
  'not-an-object',
  'unknown-format',
  'missing-field',
  'invalid-field',
  'hubble-not-a-flow',
  'hubble-lost-events',
  'packetbeat-not-a-flow',
  'packetbeat-pre-ecs',
]);
const samples = [
  ...fixtureLines('hubble-jsonpb-gke.jsonl'),
  ...fixtureLines('hubble-printer-dropped.jsonl'),
  JSON.stringify(fixtureJson('packetbeat-flow.json')),
].map((line) => JSON.parse(line) as Record<string, unknown>);

/** A real sample with one value somewhere in it replaced by anything JSON can hold. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.array(fc.nat()), fc.jsonValue())
  .map(([sample, path, replacement]) => {
    const copy = structuredClone(sample);
    let node: Record<string, unknown> = copy;
    for (const step of path) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[step % keys.length]!;
      const child = node[key];
      if (typeof child !== 'object' || child === null || step % 4 === 0) {
        node[key] = replacement;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return JSON.stringify(copy);
  });

function checkOutcome(line: string): void {
  const outcome = parseLine(line, context);
  if (outcome.kind === 'rejected') {
    expect(reasons).toContain(outcome.reason);
    expect(outcome.detail.length).toBeGreaterThan(0);
    return;
  }
  // Whatever was accepted fits the flows table: ports, codes and times in range, strings as strings.
  const record = outcome.record as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    expect(typeof value === 'string' || (Number.isSafeInteger(value) && (value as number) >= 0), name).toBe(true);
  }
  expect(outcome.record.sourceTransportPort).toBeLessThanOrEqual(65_535);
  expect(outcome.record.flowEndSeconds).toBeLessThanOrEqual(4_294_967_295);
}

describe('malformed input never crashes the parser and is always rejected with a reason', () => {
  it('takes any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (line) => checkOutcome(line)),
      { numRuns: 2000 }
    );
  });

  it('takes any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkOutcome(JSON.stringify(value))),
      { numRuns: 2000 }
    );
  });

  it('takes real samples with any field changed to anything', () => {
    fc.assert(
      fc.property(mutatedSample, (line) => checkOutcome(line)),
      { numRuns: 3000 }
    );
  });

  it('takes any audit body', () => {
    const event = fixtureJson('audit-falco-delete-configmap.json');
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        kind: fc.constant('EventList'),
        items: fc.array(fc.oneof(fc.jsonValue(), fc.constant(event)), { maxLength: 5 }),
      })
    );
    fc.assert(
      fc.property(body, (value) => {
        try {
          const batch = policyEventsOf(value, '');
          expect(
            batch.events.length + batch.invalid.length + Object.values(batch.ignored).reduce((a, b) => a + b, 0)
          ).toBe((value as { items: unknown[] }).items?.length ?? 1);
        } catch (error) {
          expect((error as Error).message).toMatch(/EventList|apiVersion|items/);
        }
      }),
      { numRuns: 2000 }
    );
  });
});

describe('malformed requests never take the service down', () => {
  let clickhouse: ClickHouseServer;
  let ingest: Harness;
  beforeAll(async () => {
    clickhouse = await clickhouseWithSchema();
    ingest = await startHarness(clickhouse.url, { maxBodyBytes: 4096 });
  }, 120_000);
  afterAll(async () => {
    await ingest?.close();
    await clickhouse?.close();
  });

  it('answers every random body with a 2xx or 4xx, and still serves afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/flows', '/v1/audit'),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 600 }),
          mutatedSample,
          fc.jsonValue().map((v) => JSON.stringify(v))
        ),
        fc.boolean(),
        async (path, body, gzip) => {
          const answer = await post(ingest.service.httpPort, path, body, undefined, gzip);
          expect(
            answer.status === 200 || (answer.status >= 400 && answer.status < 500),
            `${answer.status} ${JSON.stringify(answer.json)}`
          ).toBe(true);
        }
      ),
      { numRuns: 100 }
    );
    const health = await fetch(`http://127.0.0.1:${ingest.service.httpPort}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
