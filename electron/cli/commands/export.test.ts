import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSampleAssessment,
  invokeThrough,
  SAMPLE_MERCHANT,
} from '../../core/assessments/sample';
import type { CoreContext } from '../../core/core-context';
import { dispatch, type Handlers } from '../../core/dispatch';
import { silentLogger } from '../../core/log/logger';
import { assessmentHandlers } from '../../core/ops/assessment-handlers';
import { pdfsig, pdfsigAccepts, pdftotext } from '../../core/report/fixtures/pdf-tools';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from '../../core/vault/testing';
import type { CliIo } from '../command';
import { runCli } from '../main';

let vault: TemporaryVault;
let signedId: string;
let draftId: string;

beforeAll(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-cli-export-' });
  await vault.service.create(TEST_PASSPHRASE);
  const context: CoreContext = {
    door: 'cli',
    dataDir: vault.root,
    vaultPaths: vault.service.paths,
    log: silentLogger,
    events: vault.events,
  };
  const handlers = assessmentHandlers(context, vault.service) as unknown as Handlers;
  const invoke = invokeThrough((name, input) =>
    dispatch({ handlers, log: silentLogger }, name, input, {
      door: 'cli',
      requestId: undefined,
      signal: new AbortController().signal,
      progress: () => undefined,
    }),
  );
  signedId = (await buildSampleAssessment(invoke, { sign: true })).assessmentId;
  draftId = (await buildSampleAssessment(invoke)).assessmentId;
  // The command opens the vault itself, as another process would.
  await vault.service.close();
});

afterAll(async () => {
  await vault.remove();
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin: Readable.from([]),
    env: { PCI_SAQ_PASSPHRASE: TEST_PASSPHRASE },
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('pci-saq list', () => {
  it('lists each assessment with status, progress and outcome', async () => {
    const result = await run('list', '--vault', join(vault.root, 'vault'));

    expect(result).toMatchObject({ code: 0, err: '' });
    const lines = result.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith(signedId))).toMatch(
      /\tA\tsigned\t27\/27\tNon-Compliant\tHarbour Lane Ceramics Ltd\t/,
    );
    expect(lines.find((line) => line.startsWith(draftId))).toMatch(/\tdraft\t/);

    const json = await run('list', '--vault', join(vault.root, 'vault'), '--json');
    expect(JSON.parse(json.out)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: signedId, status: 'signed' })]),
    );
  });

  it('says in one line when the passphrase is wrong', async () => {
    let err = '';
    const code = await runCli(['list', '--vault', join(vault.root, 'vault')], {
      out: () => undefined,
      err: (text) => (err += text),
      stdin: Readable.from([]),
      env: { PCI_SAQ_PASSPHRASE: 'not the passphrase at all' },
    });
    expect(code).toBe(1);
    expect(err).toBe('pci-saq list: wrong passphrase (WRONG_PASSPHRASE).\n');
  });
});

describe('pci-saq export', () => {
  it('writes the signed AOC, which pdfsig accepts', async () => {
    const out = join(vault.root, 'aoc.pdf');
    const result = await run(
      'export',
      '--vault',
      join(vault.root, 'vault'),
      '--assessment',
      signedId,
      '--out',
      out,
      '--format',
      'aoc',
    );

    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Certificate fingerprint \(SHA-256\): [0-9a-f]{64}/);
    const pdf = readFileSync(out);
    const verdict = pdfsig(pdf);
    expect(verdict).toContain('Signature is Valid.');
    expect(pdfsigAccepts(verdict)).toBe(true);
    expect(pdftotext(pdf)).toContain(SAMPLE_MERCHANT.companyName);
  }, 60_000);

  it('refuses a draft, an unknown id and a bad format', async () => {
    const vaultDir = join(vault.root, 'vault');
    const out = join(vault.root, 'draft.pdf');

    const draft = await run('export', '--vault', vaultDir, '--assessment', draftId, '--out', out);
    expect(draft.code).toBe(1);
    expect(draft.err).toMatch(/^pci-saq export: .*\(ASSESSMENT_INCOMPLETE\)\.\n$/);

    const unknown = await run(
      'export',
      '--vault',
      vaultDir,
      '--assessment',
      '00000000-0000-4000-8000-000000000000',
      '--out',
      out,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/NOT_FOUND/);

    const format = await run(
      'export',
      '--vault',
      vaultDir,
      '--assessment',
      signedId,
      '--out',
      out,
      '--format',
      'docx',
    );
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/--format must be/);
  });
});
