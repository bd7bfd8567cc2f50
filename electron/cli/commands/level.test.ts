import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { runCli } from '../main';
import { levelCommand } from './level';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin: Readable.from([]),
    env: {},
  };
  const code = await runCli(['level', ...argv], io, [levelCommand]);
  return { code, out, err };
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pci-saq-level-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('pci-saq level (merchant)', () => {
  it('prints the level per brand, what to submit and that the acquirer decides', async () => {
    const result = await run('--visa-ecommerce', '20,000', '--visa-card-present', '5000');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toContain('Visa        Level 3');
    expect(result.out).toContain('Mastercard  Level 3');
    expect(result.out).toContain('American Express, Discover, JCB: ask your acquirer.');
    expect(result.out).toContain(
      'Your acquirer (the bank that handles your card payments) decides',
    );
  });

  it.each([
    [['--visa-moto', '6000000'], 2],
    [['--visa-moto', '6_000_001'], 1],
    [['--visa-ecommerce', '19999'], 4],
  ])('%j gives Visa Level %d in --json', async (args, level) => {
    const result = await run(...args, '--json');
    const parsed = JSON.parse(result.out) as { levels: { visa: { level: number } } };
    expect(parsed.levels.visa.level).toBe(level);
  });

  it('a compromise puts Mastercard at Level 1 and says the SAQ is a gap assessment', async () => {
    const result = await run('--compromised', '--mastercard-ecommerce', '10');
    expect(result.out).toContain('Mastercard  Level 1');
    expect(result.out).toContain('gap assessment');
  });

  it('reads a JSON input file', async () => {
    const file = join(folder, 'merchant.json');
    await writeFile(file, JSON.stringify({ mastercard: { cardPresent: 1_500_000 } }));
    const result = await run('--input', file, '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as {
      kind: string;
      levels: { mastercard: { level: number } };
      validationPath: { assessorDetailsRequired: boolean };
    };
    expect(parsed.kind).toBe('merchant');
    expect(parsed.levels.mastercard.level).toBe(2);
    expect(parsed.validationPath.assessorDetailsRequired).toBe(true);
  });
});

describe('pci-saq level --service-provider', () => {
  it('makes a third-party processor Level 1 for Mastercard', async () => {
    const result = await run(
      '--service-provider',
      '--mastercard-type',
      'third-party-processor',
      '--visa-transactions',
      '300000',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('Estimated service-provider level');
    expect(result.out).toMatch(/Visa\s+Level 2/);
    expect(result.out).toMatch(/Mastercard\s+Level 1/);
  });

  it('reads a JSON input file', async () => {
    const file = join(folder, 'provider.json');
    await writeFile(file, JSON.stringify({ visa: { visaNetProcessor: true } }));
    const result = await run('--service-provider', '--input', file, '--json');
    const parsed = JSON.parse(result.out) as { levels: { visa: { level: number } } };
    expect(parsed.levels.visa.level).toBe(1);
  });
});

describe('pci-saq level errors and exit codes', () => {
  it.each([
    [['--visa-ecommerce', 'many'], '--visa-ecommerce takes a whole number'],
    [['--visa-ecommerce', '-5'], 'visa-ecommerce'],
    [['--visa-ecommerce', '1.5'], '--visa-ecommerce takes a whole number'],
    [['--frequency', '3'], 'Unknown option'],
    [['--visa-transactions', '5'], '--visa-transactions needs --service-provider'],
    [['--service-provider', '--visa-moto', '5'], '--visa-moto is a merchant option'],
    [['--service-provider', '--mastercard-type', 'bank'], '--mastercard-type must be one of'],
    [['--input', 'x.json', '--visa-moto', '5'], 'not both'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.out).toBe('');
  });

  it('a missing file fails with one line (exit 1)', async () => {
    const result = await run('--input', join(folder, 'absent.json'));
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(/^pci-saq level: cannot read ".*absent\.json" \(ENOENT\)\.\n$/);
  });

  it('a file that is not JSON fails with one line (exit 1)', async () => {
    const file = join(folder, 'broken.json');
    await writeFile(file, '{ visa: ');
    const result = await run('--input', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not valid JSON');
  });

  it('a file with a wrong field names the field (exit 1)', async () => {
    const file = join(folder, 'wrong.json');
    await writeFile(file, JSON.stringify({ visa: { ecommerce: -3 } }));
    const result = await run('--input', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain('visa.ecommerce');
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('documents the options in --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    for (const option of [
      '--visa-ecommerce',
      '--maestro-moto',
      '--compromised',
      '--input FILE',
      '--json',
      '--service-provider',
      'Exit status',
    ]) {
      expect(result.out).toContain(option);
    }
  });
});
