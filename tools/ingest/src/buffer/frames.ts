import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { flowColumns } from '../flowlensFacts.ts';

/**
 * What the buffer holds: a batch ready for one INSERT. Flows are encoded once, when the batch is
 * cut (whole seconds of timeInserted of one cluster), and sent as they are stored.
 */
export type Frame =
  | {
      kind: 'flows';
      format: 'RowBinary' | 'TabSeparated';
      rows: number;
      firstTimeInserted: number;
      lastTimeInserted: number;
      clusterUUID: string;
      body: Buffer;
    }
  | { kind: 'policy-events'; rows: number; body: Buffer };

// On disk: magic, payload length, CRC-32 of the payload, payload = kind byte, header length,
// header JSON, body. The magic and CRC find a torn or damaged write; the columns fingerprint finds a
// buffer left by a FlowLens whose flows columns differ.
const magic = 0x464c4652;
export const frameOverheadBytes = 12;
const kinds = { flows: 1, 'policy-events': 2 } as const;
export const columnsFingerprint = createHash('sha256')
  .update(flowColumns.map((column) => `${column.name}:${column.type}`).join(','))
  .digest('hex')
  .slice(0, 16);

/**
 * A frame as the pieces written one after another (prefix, head, body): the body, most of the bytes,
 * is written where it lies instead of being copied into one buffer first.
 */
export function encodeFrame(frame: Frame): Buffer[] {
  const { body, kind, ...rest } = frame;
  const header = Buffer.from(JSON.stringify(kind === 'flows' ? { ...rest, columns: columnsFingerprint } : rest));
  const head = Buffer.allocUnsafe(5 + header.length);
  head[0] = kinds[kind];
  head.writeUInt32LE(header.length, 1);
  header.copy(head, 5);
  const prefix = Buffer.allocUnsafe(frameOverheadBytes);
  prefix.writeUInt32LE(magic, 0);
  prefix.writeUInt32LE(head.length + body.length, 4);
  prefix.writeUInt32LE(crc32(body, crc32(head)), 8);
  return [prefix, head, body];
}

/** How many bytes a frame takes on disk. */
export function encodedLength(pieces: readonly Buffer[]): number {
  return pieces.reduce((sum, piece) => sum + piece.length, 0);
}

/** The payload length a frame prefix announces, or undefined when the bytes are not a frame's start. */
export function payloadLengthOf(prefix: Buffer): number | undefined {
  return prefix.length >= frameOverheadBytes && prefix.readUInt32LE(0) === magic ? prefix.readUInt32LE(4) : undefined;
}

export class DamagedFrameError extends Error {}

export function decodeFrame(prefix: Buffer, payload: Buffer): Frame {
  if (crc32(payload) !== prefix.readUInt32LE(8)) throw new DamagedFrameError('checksum mismatch');
  const headerLength = payload.readUInt32LE(1);
  const header = JSON.parse(payload.subarray(5, 5 + headerLength).toString()) as Record<string, unknown>;
  const body = payload.subarray(5 + headerLength);
  if (payload[0] === kinds.flows) {
    if (header.columns !== columnsFingerprint) {
      throw new Error(
        'the buffer holds flow batches encoded for another flows column list (an older or newer flowlens-ingest): ' +
          'run that version until the buffer is empty, or move the data directory away'
      );
    }
    return {
      kind: 'flows',
      format: header.format as 'RowBinary' | 'TabSeparated',
      rows: header.rows as number,
      firstTimeInserted: header.firstTimeInserted as number,
      lastTimeInserted: header.lastTimeInserted as number,
      clusterUUID: header.clusterUUID as string,
      body,
    };
  }
  if (payload[0] === kinds['policy-events']) return { kind: 'policy-events', rows: header.rows as number, body };
  throw new DamagedFrameError(`unknown frame kind ${payload[0]}`);
}
