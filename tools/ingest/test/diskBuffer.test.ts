import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskBuffer } from '../src/index.ts';
import { encodedLength, encodeFrame, type Frame } from '../src/buffer/frames.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-ingest-buffer-'));
  dirs.push(dir);
  return dir;
}

const logs: string[] = [];
const open = (dir: string, options: { maxBytes?: number; segmentBytes?: number } = {}) =>
  DiskBuffer.open({ dir, log: (line) => logs.push(line), ...options });

function frame(n: number, bytes = 100): Frame {
  return {
    kind: 'flows',
    format: 'RowBinary',
    rows: n,
    firstTimeInserted: 1000 + n,
    lastTimeInserted: 1000 + n,
    clusterUUID: 'c',
    body: Buffer.alloc(bytes, n),
  };
}

async function drain(buffer: DiskBuffer, count: number, commit = true): Promise<number[]> {
  const rows: number[] = [];
  for (let i = 0; i < count; i++) {
    const stored = (await buffer.next())!;
    rows.push(stored.frame.rows);
    if (commit) await buffer.commit(stored);
  }
  return rows;
}

describe('DiskBuffer', () => {
  it('gives frames back in order across segments, and deletes segments once committed', async () => {
    const dir = dataDir();
    const buffer = await open(dir, { segmentBytes: 300 });
    for (let n = 1; n <= 6; n++) await buffer.append([frame(n)]);
    expect(readdirSync(join(dir, 'segments')).length).toBeGreaterThan(1);
    expect(buffer.pendingRows).toBe(21);
    expect(await drain(buffer, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(buffer.pendingRows).toBe(0);
    expect(buffer.usedBytes).toBe(0);
    expect(readdirSync(join(dir, 'segments')).length).toBe(1);
    await buffer.close();
  });

  it('keeps what ClickHouse has not confirmed across a restart, with the same tokens', async () => {
    const dir = dataDir();
    const first = await open(dir, { segmentBytes: 300 });
    for (let n = 1; n <= 4; n++) await first.append([frame(n)]);
    await drain(first, 1);
    const unconfirmed = (await first.next())!;
    await first.close();
    const second = await open(dir);
    expect(second.pendingRows).toBe(2 + 3 + 4);
    expect(second.lastTimeInserted).toBe(1004);
    const again = (await second.next())!;
    expect(again.token).toBe(unconfirmed.token);
    expect(again.frame).toEqual(unconfirmed.frame);
    await second.commit(again);
    expect(await drain(second, 2)).toEqual([3, 4]);
    await second.close();
  });

  it('cuts a torn write at the end (never acknowledged) and says so', async () => {
    const dir = dataDir();
    const buffer = await open(dir);
    await buffer.append([frame(1), frame(2)]);
    await buffer.close();
    const [segment] = readdirSync(join(dir, 'segments'));
    const path = join(dir, 'segments', segment!);
    const goodSize = statSync(path).size;
    appendFileSync(path, Buffer.from([0x52, 0x46, 0x4c, 0x46, 0xff, 0, 0, 0, 1, 2])); // a frame's start, cut off
    logs.length = 0;
    const reopened = await open(dir);
    expect(statSync(path).size).toBe(goodSize);
    expect(logs.join('\n')).toMatch(/torn write of 10 bytes/);
    expect(await drain(reopened, 2)).toEqual([1, 2]);
    await reopened.close();
  });

  it('skips a damaged segment past the bad frame, counts the bytes, and reads the next segment', async () => {
    const dir = dataDir();
    const buffer = await open(dir, { segmentBytes: 300 });
    for (let n = 1; n <= 4; n++) await buffer.append([frame(n)]);
    await buffer.close();
    const [firstSegment] = readdirSync(join(dir, 'segments')).sort();
    const path = join(dir, 'segments', firstSegment!);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5]! ^= 0xff; // flip a byte of the segment's last frame's body
    writeFileSync(path, bytes);
    const reopened = await open(dir);
    expect(reopened.damagedBytes).toBeGreaterThan(0);
    // One frame fits a 300-byte segment: the first segment's only frame is lost, the rest arrive.
    expect(await drain(reopened, reopened.pendingFrames)).toEqual([2, 3, 4]);
    await reopened.close();
  });

  it('is full at its bound and says when it has room again', async () => {
    const buffer = await open(dataDir(), { maxBytes: Math.floor(encodedLength(encodeFrame(frame(1))) * 2.5) });
    const events: string[] = [];
    buffer.on('full', () => events.push('full'));
    buffer.on('space', () => events.push('space'));
    await buffer.append([frame(1), frame(2)]);
    expect(buffer.isFull()).toBe(false);
    await buffer.append([frame(3)]);
    expect(buffer.isFull()).toBe(true);
    await drain(buffer, 2);
    expect(buffer.isFull()).toBe(false);
    expect(events).toEqual(['full', 'space']);
    await buffer.close();
  });
});
