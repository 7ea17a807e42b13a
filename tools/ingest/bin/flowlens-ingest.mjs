#!/usr/bin/env -S node --no-concurrent-recompilation
// The flag: a Node 20 deadlock as the process ends, here at shutdown (see tools/flowgen/bin/flowgen.mjs).
// flowlens-ingest is written in TypeScript; tsx compiles it on the fly from a checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
