import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolJsonFromProtos } from '../proto/protocolJson.ts';

describe('pluginProtocol.json', () => {
  it('is what the .proto files say (after a .proto change, run proto/writeProtocolJson.ts)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'src', 'protocol', 'pluginProtocol.json'), 'utf8')
    );
    expect(committed).toEqual(protocolJsonFromProtos());
  });
});
