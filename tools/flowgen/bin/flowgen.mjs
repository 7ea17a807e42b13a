#!/usr/bin/env -S node --no-concurrent-recompilation
// flowgen is written in TypeScript; tsx compiles it on the fly so there is no separate build step.
// --no-concurrent-recompilation: on Node 20 a process can deadlock as it ends, when an optimizing
// compile on a V8 worker thread waits for a garbage collection only the main thread runs while the
// main thread waits for that worker (nodejs/node#54918): here about one run in 25 on a busy machine
// wrote all its records and never exited. The flag must be given when Node starts (set later, it
// changes nothing): the shebang, the compose image's entrypoint and the tests pass it.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
