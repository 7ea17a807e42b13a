// npx tsx plugins/flows-datasource/backend/proto/writeProtocolJson.ts — after changing a .proto file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolJsonFromProtos } from './protocolJson.ts';

const target = join(import.meta.dirname, '..', 'src', 'protocol', 'pluginProtocol.json');
writeFileSync(target, `${JSON.stringify(protocolJsonFromProtos())}\n`);
console.log(`wrote ${target}`);
