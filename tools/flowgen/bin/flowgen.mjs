#!/usr/bin/env node
// flowgen is written in TypeScript; tsx compiles it on the fly so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
