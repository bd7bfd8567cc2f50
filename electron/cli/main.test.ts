import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { UsageError, type CliCommand, type CliIo } from './command';
import { commands } from './commands/index';
import { runCli } from './main';

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stdin: new PassThrough(),
    env: {},
    stdout: () => out,
    stderr: () => err,
  };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'prints its arguments',
  help: 'Usage: pci-saq echo WORDS...',
  run: (args, io) => {
    if (args.length === 0) throw new UsageError('give at least one word');
    io.out(`${args.join(' ')}\n`);
    return Promise.resolve(0);
  },
};

describe('pci-saq', () => {
  it('prints its version', async () => {
    const io = capture();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout()).toBe(`${packageJson.version}\n`);
  });

  it('lists every registered command in --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const command of commands) expect(io.stdout()).toContain(`  ${command.name}`);
    expect(io.stdout()).toContain('Exit status');
  });

  it('gives each command its own --help', async () => {
    for (const command of commands) {
      const io = capture();
      expect(await runCli([command.name, '--help'], io)).toBe(0);
      expect(io.stdout().length).toBeGreaterThan(40);
    }
  });

  it('answers an unknown command and a usage error with one line and exit code 2', async () => {
    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown)).toBe(2);
    expect(unknown.stderr().trim().split('\n')).toHaveLength(1);

    const usage = capture();
    expect(await runCli(['echo'], usage, [echo])).toBe(2);
    expect(usage.stderr()).toBe('pci-saq echo: give at least one word\n');
  });

  it('runs from the command line through bin/pci-saq.mjs', async () => {
    const bin = join(import.meta.dirname, '../../bin/pci-saq.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toBe(packageJson.version);
  });
});
