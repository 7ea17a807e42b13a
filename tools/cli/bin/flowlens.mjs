#!/usr/bin/env -S node --no-concurrent-recompilation
// The flag: a Node 20 deadlock as the process ends (see tools/flowgen/bin/flowgen.mjs).
// flowlens is written in TypeScript; tsx compiles it on the fly, as for flowgen. The datasource's
// sources it shares are CommonJS-scoped (no "type": "module"), so both loaders are registered.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

registerCommonJs();
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
