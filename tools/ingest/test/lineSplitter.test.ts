import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/inputs/lineSplitter.ts';

function split(chunks: Buffer[], max: number) {
  const lines: string[] = [];
  const tooLong: string[] = [];
  const splitter = new LineSplitter(
    max,
    (line) => lines.push(line),
    (start) => tooLong.push(start)
  );
  chunks.forEach((chunk) => splitter.push(chunk));
  splitter.end();
  return { lines, tooLong };
}

describe('LineSplitter', () => {
  it('gives the same lines however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''))),
        fc.array(fc.nat(200)),
        (lines, cuts) => {
          const bytes = Buffer.from(lines.map((line) => `${line}\n`).join(''));
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, bytes.length]
            .slice(1)
            .map((end, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], end));
          expect(split(chunks, 1000).lines).toEqual(lines);
        }
      )
    );
  });

  it('reports a line over the limit once and goes on with the next', () => {
    const result = split(
      [Buffer.from('short\n' + 'x'.repeat(50)), Buffer.from('y'.repeat(50) + '\r\nafter\nlast')],
      64
    );
    expect(result.lines).toEqual(['short', 'after', 'last']);
    expect(result.tooLong).toHaveLength(1);
    expect(result.tooLong[0]).toMatch(/^x+/);
  });
});
