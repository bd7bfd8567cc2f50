// `npm run bench [suite...]`: runs the benchmark suites in bench/ and prints
// their figures. Benchmarks are measurements, never pass/fail tests.
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
