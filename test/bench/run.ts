/**
 * `npm run bench`: runs every benchmark script (test/bench/*.bench.ts) in turn, each in its own Node
 * process, and reports which ones failed. A benchmark times Mailbag against a peer (mpop, for example)
 * in the same run and prints its own table and a JSON line; targets are ratios, never timed assertions.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- pop3         benchmarks whose file name contains "pop3"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const filters = process.argv.slice(2);
const benchmarks = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (benchmarks.length === 0) {
  console.log(filters.length === 0 ? 'No benchmarks yet.' : `No benchmark matches: ${filters.join(', ')}`);
  process.exit(filters.length === 0 ? 0 : 2);
}

const failed: string[] = [];
for (const file of benchmarks) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(file);
}
console.log(`\n${benchmarks.length - failed.length} of ${benchmarks.length} benchmarks completed${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}.`);
process.exit(failed.length > 0 ? 1 : 0);
