// `npm test`: every check the project has, in one command. Each step runs even
// when an earlier one failed, so that one run shows everything that is wrong;
// the exit code is non-zero when any step failed. Writes test-results/summary.json,
// from which .ci/run prints its closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
const vitestReport = join(results, 'vitest.json');
mkdirSync(results, { recursive: true });
rmSync(vitestReport, { force: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  { name: 'lint', command: [bin('eslint'), '.'] },
  { name: 'format', command: [bin('prettier'), '--check', '.'] },
  { name: 'typecheck', command: [bin('tsc'), '-b'] },
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  {
    // Unit, integration, electronegativity gate and the browser tests (e2e project).
    name: 'vitest',
    command: [
      bin('vitest'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
    ],
  },
];

const outcome = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const started = Date.now();
  const run = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: 'inherit' });
  outcome.push({
    name: step.name,
    ok: run.status === 0,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
}

let passed = 0;
let failed = 0;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
}
const failedSteps = outcome
  .filter((step) => !step.ok && step.name !== 'vitest')
  .map((step) => step.name);
const vitestStep = outcome.find((step) => step.name === 'vitest');
// A vitest run that failed without failing a test (a crash, a suite that did not load) still counts.
const vitestCrashed = vitestStep !== undefined && !vitestStep.ok && failed === 0;

writeFileSync(
  join(results, 'summary.json'),
  JSON.stringify(
    { steps: outcome, tests: { passed, failed }, failedSteps, vitestCrashed },
    null,
    2,
  ),
);

process.stdout.write('\n=== summary ===\n');
for (const step of outcome)
  process.stdout.write(`${step.ok ? 'ok    ' : 'FAILED'} ${step.name} (${step.seconds} s)\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(outcome.every((step) => step.ok) ? 0 : 1);
