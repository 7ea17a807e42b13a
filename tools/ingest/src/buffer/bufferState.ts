import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the buffer's next unsent frame starts. */
export interface Position {
  segment: number;
  offset: number;
}

/** state.json: the buffer's identity (in batch tokens), what ClickHouse has confirmed, the last second used. */
export interface BufferState {
  version: 1;
  bufferId: string;
  committed: Position;
  lastTimeInserted: number;
}

export function readState(dir: string): BufferState {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) {
    return { version: 1, bufferId: randomUUID(), committed: { segment: 1, offset: 0 }, lastTimeInserted: 0 };
  }
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as BufferState;
    if (state.version !== 1 || typeof state.bufferId !== 'string' || typeof state.committed?.segment !== 'number') {
      throw new Error('unexpected content');
    }
    return state;
  } catch (error) {
    throw new Error(
      `cannot read ${path} (${(error as Error).message}): it says which buffered batches ClickHouse already has; ` +
        'restore it or move the data directory away (its unsent batches are then lost)'
    );
  }
}

/** Replaces state.json atomically and durably: a crash leaves the old or the new one, never half. */
export async function writeState(dir: string, state: BufferState): Promise<void> {
  const path = join(dir, 'state.json');
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
