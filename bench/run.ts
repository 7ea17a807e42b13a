// npm run bench [-- <name>...]: runs bench/<name>.ts for each name (all of them when none is given).
// Each benchmark prints its own figures and ratios against the baseline it measures in the same run.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';

interface Benchmark {
  run(): Promise<void>;
}

const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => basename(file, '.bench.ts'))
  .sort();

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n=== bench ${name} ===`);
  const benchmark = (await import(`./${name}.bench.ts`)) as Benchmark;
  await benchmark.run();
}
