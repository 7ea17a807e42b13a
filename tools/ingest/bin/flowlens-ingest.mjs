#!/usr/bin/env node
// flowlens-ingest is written in TypeScript; tsx compiles it on the fly from a checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
