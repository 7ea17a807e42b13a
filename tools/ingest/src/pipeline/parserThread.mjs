// A parser thread from a checkout: tsx compiles the TypeScript, as bin/flowlens-ingest.mjs does.
// The bundle (build.ts) has parser-thread.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./parserThread.ts');
