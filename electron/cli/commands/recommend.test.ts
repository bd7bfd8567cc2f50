import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaqRecommendation } from '../../../shared/domain/saq-recommendation';
import type { CliIo } from '../command';
import { runCli } from '../main';
import { recommendCommand } from './recommend';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin: Readable.from([]),
    env: {},
  };
  const code = await runCli(['recommend', ...argv], io, [recommendCommand]);
  return { code, out, err };
}

const MERCHANT = [
  '--service-provider',
  'no',
  '--stores-electronically',
  'no',
  '--own-systems-handle-data',
  'no',
  '--outsourced',
  'yes',
  '--providers-confirmed',
  'yes',
  '--paper-only',
  'yes',
];

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pci-saq-recommend-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('pci-saq recommend', () => {
  it('recommends SAQ A for a full redirect and shows each criterion', async () => {
    const result = await run(
      ...MERCHANT,
      '--ecommerce',
      'full-redirect',
      '--page-from-provider',
      'yes',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('SAQ recommendation: recommended');
    expect(result.out).toContain('E-commerce: SAQ A (recommended)');
    expect(result.out).toContain('[passed] Your site is not open to script attacks');
    expect(result.out).toContain('Not needed: your site fully redirects');
  });

  it('an embedded form without protections moves on to SAQ A-EP, saying why', async () => {
    const result = await run(
      ...MERCHANT,
      '--ecommerce',
      'embedded-form',
      '--page-from-provider',
      'yes',
      '--script-protection',
      'none',
      '--page-origins-compliant',
      'yes',
      '--website-host',
      'compliant-provider',
      '--json',
    );
    const parsed = JSON.parse(result.out) as SaqRecommendation;
    expect(parsed.channels[0]?.considered.map((item) => [item.saq, item.verdict])).toEqual([
      ['A', 'not-eligible'],
      ['A-EP', 'eligible'],
    ]);
  });

  it('lists several SAQs for several channels, naming the ones not available yet', async () => {
    const result = await run(
      ...MERCHANT,
      '--ecommerce',
      'payment-link-only',
      '--card-present',
      'imprint-or-dial-out',
    );
    expect(result.out).toContain(
      'Result\n  SAQ A: E-commerce\n  SAQ B (not available yet): Card present',
    );
    expect(result.out).toContain('different SAQs');
  });

  it('unanswered questions give "needs answers" and still exit 0', async () => {
    const result = await run('--ecommerce', 'full-redirect');
    expect(result.code).toBe(0);
    expect(result.out).toContain('SAQ recommendation: needs answers');
    expect(result.out).toContain('[unknown]');
  });

  it('reads a JSON input file', async () => {
    const file = join(folder, 'profile.json');
    await writeFile(
      file,
      JSON.stringify({
        serviceProvider: false,
        storesAccountDataElectronically: true,
        mailTelephoneOrder: {},
      }),
    );
    const result = await run('--input', file, '--json');
    const parsed = JSON.parse(result.out) as SaqRecommendation;
    expect(parsed.saqs).toEqual([
      { saq: 'D-Merchant', available: true, channels: ['mail-telephone-order'] },
    ]);
  });

  it.each([
    [['--service-provider', 'maybe'], '--service-provider takes yes, no or unknown'],
    [['--ecommerce', 'iframe'], '--ecommerce takes one of'],
    [['--script-protection', 'none'], '--script-protection needs --ecommerce'],
    [['--input', 'a.json', '--moto', 'other'], 'not both'],
    [['positional'], 'positional'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('a file with an unknown field fails with one line naming it (exit 1)', async () => {
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify({ ecommerce: { integration: 'iframe' } }));
    const result = await run('--input', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain('ecommerce.integration');
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('documents every option in --help', async () => {
    const result = await run('--help');
    for (const option of [
      '--service-provider',
      '--stores-electronically',
      '--ecommerce HOW',
      '--moto HOW',
      '--card-present HOW',
      '--script-protection',
      'embedded-form',
      '--input FILE',
      '--json',
      'Exit status',
    ]) {
      expect(result.out).toContain(option);
    }
  });
});
