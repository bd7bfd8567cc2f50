import { suites } from './suites';

const only = process.argv.slice(2);
const selected = only.length === 0 ? suites : suites.filter((suite) => only.includes(suite.name));
const print = (line: string) => process.stdout.write(`${line}\n`);

print(`Benchmarks on ${process.versions.node}, ${process.platform}/${process.arch}`);
for (const suite of selected) {
  print(`\n## ${suite.name}`);
  await suite.run(print);
}
if (selected.length === 0) print('No benchmark suites are registered yet.');
