import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProtocol } from '../src/protocol/protoDefinitions.ts';
import { QueryDataMessage, type EncodedDataResponse } from '../src/protocol/queryDataResponseWire.ts';

/** What grpc-js does with the serializer's answer: a 5-byte prefix, then `copy(output, 5)`. */
function grpcFramed(message: QueryDataMessage): Buffer {
  const output = Buffer.alloc(message.byteLength + 5, 0xee);
  expect(message.copy(output, 5)).toBe(message.byteLength);
  return output;
}

/** The hand-written encoder must produce what the generic protobuf decoder (Grafana's side) reads. */
describe('QueryDataResponse wire encoding', () => {
  const root = loadProtocol() as unknown as {
    pluginv2: { Data: { service: { QueryData: { responseDeserialize(bytes: Buffer): unknown } } } };
  };
  const decode = root.pluginv2.Data.service.QueryData.responseDeserialize;

  const response = fc.record({
    frames: fc.array(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }), { maxLength: 3 }),
    error: fc.string({ maxLength: 200 }),
    status: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }), fc.constant(200)),
    errorSource: fc.constantFrom('', 'plugin', 'downstream'),
  });

  it('round-trips through the generic protobuf decoder', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), response, { maxKeys: 5 }), (input) => {
        // Copies: the serializer empties the chunk lists it is given, and fast-check may reuse its values.
        const responses = new Map<string, EncodedDataResponse>(
          Object.entries(input).map(([refId, r]) => [
            refId,
            { ...r, frames: r.frames.map((chunks) => chunks.map((chunk) => chunk.slice())) },
          ])
        );
        const expectedFrames = new Map(
          [...responses].map(([refId, r]) => [refId, r.frames.map((chunks) => chunks.flatMap((chunk) => [...chunk]))])
        );
        const decoded = decode(grpcFramed(new QueryDataMessage(responses)).subarray(5)) as {
          responses: Record<string, { frames: Buffer[]; error: string; status: number; errorSource: string }>;
        };
        expect(Object.keys(decoded.responses).sort()).toEqual([...responses.keys()].sort());
        for (const [refId, expected] of responses) {
          const actual = decoded.responses[refId]!;
          expect(actual.frames.map((frame) => [...frame])).toEqual(expectedFrames.get(refId));
          expect(actual.error).toBe(expected.error);
          expect(actual.status).toBe(expected.status);
          expect(actual.errorSource).toBe(expected.errorSource);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('handles frames larger than a varint byte and multi-megabyte frames', () => {
    const big = new Uint8Array(5 * 1024 * 1024).fill(7);
    const decoded = decode(
      grpcFramed(
        new QueryDataMessage(
          new Map([
            ['A', { frames: [[big.subarray(0, 100), big.subarray(100)]], error: '', status: 200, errorSource: '' }],
          ])
        )
      ).subarray(5)
    ) as {
      responses: Record<string, { frames: Buffer[] }>;
    };
    expect(decoded.responses.A!.frames[0]!.length).toBe(big.length);
  });

  it('writes only its own bytes, once, and refuses a buffer too small for it', () => {
    const responses = () =>
      new Map([['A', { frames: [[new Uint8Array([1, 2, 3])]], error: '', status: 200, errorSource: '' }]]);
    const message = new QueryDataMessage(responses());
    const output = grpcFramed(message);
    expect([...output.subarray(0, 5)]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee]);
    expect(() => message.copy(Buffer.alloc(message.byteLength))).toThrow(/already written/);
    const small = new QueryDataMessage(responses());
    expect(() => small.copy(Buffer.alloc(small.byteLength + 4), 5)).toThrow(/needs \d+ bytes at offset 5/);
  });

  it('lets go of the frames it has written, so their column data can be collected', () => {
    const chunks = [new Uint8Array(10), new Uint8Array(20)];
    const message = new QueryDataMessage(
      new Map([['A', { frames: [chunks], error: '', status: 200, errorSource: '' }]])
    );
    grpcFramed(message);
    expect(chunks).toHaveLength(0);
  });
});
