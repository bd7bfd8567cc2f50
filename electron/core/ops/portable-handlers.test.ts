import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../app-core';
import { createAppCore, type AppCore } from '../app-core';
import { buildSampleAssessment, invokeThrough, SAMPLE_MERCHANT } from '../assessments/sample';
import { createLogger } from '../log/logger';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';

/**
 * Verify, portable export and import, and the desktop's "save a copy" of a
 * report, through the core as the desktop door calls it, with fake dialogs
 * (Electron never runs here). One signed sample and one exported report are
 * made once for the file.
 */

const log = createLogger({ sinks: [], level: 'error' });
const scratch = mkdtempSync(join(tmpdir(), 'pci-saq-portable-ops-'));
const BUNDLE_PASSPHRASE = 'a bundle passphrase for the test';

/** Fake dialogs whose answers the test sets before each call; undefined is "cancelled". */
function fakeDialogs() {
  const answers: { open: string | undefined; save: string | undefined } = {
    open: undefined,
    save: undefined,
  };
  const asked: string[] = [];
  return {
    answers,
    asked,
    dialogs: {
      chooseFileToOpen: (title: string) => {
        asked.push(title);
        return Promise.resolve(answers.open);
      },
      chooseSaveLocation: (title: string, suggestedName: string) => {
        asked.push(`${title}: ${suggestedName}`);
        return Promise.resolve(answers.save);
      },
    },
  };
}

function desktopCore(dialogs: ReturnType<typeof fakeDialogs>['dialogs']): AppCore {
  return createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-portable-data-')),
    door: 'desktop',
    log,
    fileDialogs: dialogs,
    vaultOptions: { scrypt: CHEAP_SCRYPT },
  });
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
function valueOf<T>(result: CallResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const fake = fakeDialogs();
const core = desktopCore(fake.dialogs);
let assessmentId: string;
let reportFile: string;
let reportName: string;
let fingerprint: string;

beforeAll(async () => {
  valueOf(await core.call('createVault', { passphrase: TEST_PASSPHRASE }));
  ({ assessmentId } = await buildSampleAssessment(
    invokeThrough((name, input) => core.call(name, input)),
    { sign: true },
  ));
  const exported = valueOf<{ fileName: string; certificateFingerprint: string }>(
    await core.call('exportReport', { assessmentId, variant: 'aoc' }),
  );
  reportName = exported.fileName;
  fingerprint = exported.certificateFingerprint;
  reportFile = join(scratch, 'report.pdf');
  fake.answers.save = reportFile;
  valueOf(await core.call('saveReportCopy', { fileName: reportName }));
}, 60_000);

afterAll(async () => {
  await core.close();
});

async function verify(path: string, expectedFingerprint?: string) {
  fake.answers.open = path;
  const chosen = valueOf<{ handle: string } | null>(await core.call('chooseReportToVerify', {}));
  if (chosen === null) throw new Error('cancelled');
  return core.call('verifyReport', {
    handle: chosen.handle,
    ...(expectedFingerprint === undefined ? {} : { expectedFingerprint }),
  });
}

describe('saving a copy of an exported report (desktop)', () => {
  it('writes the same bytes where the save dialog says, suggesting the export name', () => {
    const inExports = readdirSync(join(core.exportedFile(reportName) ?? '', '..'));
    expect(inExports).toContain(reportName);
    expect(readFileSync(reportFile)).toEqual(readFileSync(core.exportedFile(reportName) ?? ''));
    expect(fake.asked).toContain(`Save the signed report: ${reportName}`);
  });

  it('writes nothing when the dialog is cancelled, and refuses names outside the exports', async () => {
    const target = join(scratch, 'not-written.pdf');
    fake.answers.save = undefined;
    expect(await core.call('saveReportCopy', { fileName: reportName })).toEqual({
      ok: true,
      value: null,
    });
    expect(existsSync(target)).toBe(false);

    fake.answers.save = target;
    for (const fileName of ['../vault/vault.db', 'missing.pdf', 'vault.db']) {
      expect(await core.call('saveReportCopy', { fileName })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(existsSync(target)).toBe(false);
  });
});

describe('verifying a report', () => {
  it('says an exported report is intact, with its signer, fingerprint and claimed time', async () => {
    const report = valueOf<Record<string, unknown>>(await verify(reportFile));

    expect(report).toMatchObject({
      fileName: 'report.pdf',
      intact: true,
      problems: [],
      certificateFingerprint: fingerprint,
      fingerprintMatches: null,
    });
    expect(report['signerName']).toBe(SAMPLE_MERCHANT.contactName);
    expect(Date.parse(String(report['claimedSigningTime']))).not.toBeNaN();
  });

  it('checks an expected fingerprint typed with colons, spaces and capitals', async () => {
    const typed = (fingerprint.toUpperCase().match(/../g) ?? []).join(': ');
    expect(valueOf(await verify(reportFile, typed))).toMatchObject({
      intact: true,
      fingerprintMatches: true,
    });

    const other = `${fingerprint.slice(0, 63)}${fingerprint.endsWith('0') ? '1' : '0'}`;
    expect(valueOf(await verify(reportFile, other))).toMatchObject({
      intact: false,
      // The file itself is fine; only who signed it is not the one expected.
      documentUnchanged: true,
      fingerprintMatches: false,
      problems: ['the certificate fingerprint is not the one expected'],
    });
    expect(await verify(reportFile, 'abc')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'expectedFingerprint' },
    });
  });

  it('says a tampered copy is not intact, and why', async () => {
    const tampered = join(scratch, 'tampered.pdf');
    writeFileSync(tampered, Buffer.concat([readFileSync(reportFile), Buffer.from('\n% added\n')]));

    const report = valueOf<{ intact: boolean; problems: string[] }>(await verify(tampered));
    expect(report.intact).toBe(false);
    expect(report.problems.join('; ')).toMatch(/added after the signed part/);
    // The right certificate does not make a changed document trustworthy.
    expect(valueOf(await verify(tampered, fingerprint))).toMatchObject({
      intact: false,
      documentUnchanged: false,
      fingerprintMatches: true,
    });
  });

  it('refuses a file that is not a PDF, by name', async () => {
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'not a report at all\n');

    const refused = await verify(text);
    expect(refused.ok ? '' : refused.error.code).toBe('INVALID_INPUT');
    expect(refused.ok ? '' : refused.error.message).toMatch(/notes\.txt is not a PDF/);
  });

  it('works while the vault is locked, and a cancelled dialog chooses nothing', async () => {
    const locked = desktopCore(fake.dialogs);
    fake.answers.open = reportFile;
    const chosen = valueOf<{ handle: string }>(await locked.call('chooseReportToVerify', {}));
    expect(valueOf(await locked.call('verifyReport', { handle: chosen.handle }))).toMatchObject({
      intact: true,
    });

    fake.answers.open = undefined;
    expect(await locked.call('chooseReportToVerify', {})).toEqual({ ok: true, value: null });
    await locked.close();
  });
});

describe('portable copies', () => {
  it('exports a bundle, then imports it into a fresh vault, all of it', async () => {
    const bundle = join(scratch, 'copy.bundle');
    fake.answers.save = bundle;
    const exported = valueOf<{ delivery: string; evidence: number; answers: number }>(
      await core.call('exportPortableCopy', {
        assessmentId,
        format: 'bundle',
        passphrase: BUNDLE_PASSPHRASE,
      }),
    );
    expect(exported.delivery).toBe('saved');
    expect(readFileSync(bundle).subarray(0, 8).toString('latin1')).toBe('PSAQBNDL');

    const otherDialogs = fakeDialogs();
    const fresh = desktopCore(otherDialogs.dialogs);
    valueOf(await fresh.call('createVault', { passphrase: TEST_PASSPHRASE }));
    otherDialogs.answers.open = bundle;
    const chosen = valueOf<{ handle: string; kind: string }>(
      await fresh.call('choosePortableFile', {}),
    );
    expect(chosen.kind).toBe('bundle');

    expect(await fresh.call('importAssessment', { handle: chosen.handle })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'bundlePassphrase' },
    });
    expect(
      await fresh.call('importAssessment', {
        handle: chosen.handle,
        bundlePassphrase: 'not the right passphrase',
      }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    // The handle survives a refusal, so the person can type the passphrase again.
    const imported = valueOf<{ outcome: string; answers: number; signed: boolean }>(
      await fresh.call('importAssessment', {
        handle: chosen.handle,
        bundlePassphrase: BUNDLE_PASSPHRASE,
      }),
    );
    expect(imported).toMatchObject({ outcome: 'imported', answers: exported.answers });

    const list = valueOf<{ merchantName?: string; title: string }[]>(
      await fresh.call('listAssessments', {}),
    );
    expect(list).toHaveLength(1);
    expect(await fresh.call('importAssessment', { handle: chosen.handle })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await fresh.close();
  });

  it('writes plain JSON only when its being unencrypted was confirmed', async () => {
    const json = join(scratch, 'copy.json');
    fake.answers.save = json;
    expect(await core.call('exportPortableCopy', { assessmentId, format: 'json' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(existsSync(json)).toBe(false);

    valueOf(
      await core.call('exportPortableCopy', {
        assessmentId,
        format: 'json',
        unencryptedConfirmed: true,
      }),
    );
    expect(JSON.parse(readFileSync(json, 'utf8'))).toHaveProperty('assessment');
  });

  it('refuses a damaged document with every problem and its JSON path, importing nothing', async () => {
    const document = JSON.parse(readFileSync(join(scratch, 'copy.json'), 'utf8')) as {
      assessment: { answers: { response: string }[]; unexpected?: number };
    };
    document.assessment.unexpected = 1;
    const first = document.assessment.answers[0];
    if (first !== undefined) first.response = 'maybe';
    const damaged = join(scratch, 'damaged.json');
    writeFileSync(damaged, JSON.stringify(document));

    const before = valueOf<unknown[]>(await core.call('listAssessments', {})).length;
    fake.answers.open = damaged;
    const chosen = valueOf<{ handle: string; kind: string }>(
      await core.call('choosePortableFile', {}),
    );
    expect(chosen.kind).toBe('json');
    const refused = valueOf<{ outcome: string; problems: { path: string }[] }>(
      await core.call('importAssessment', { handle: chosen.handle }),
    );

    expect(refused.outcome).toBe('refused');
    expect(refused.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['$.assessment.unexpected', '$.assessment.answers[0].response']),
    );
    expect(valueOf<unknown[]>(await core.call('listAssessments', {}))).toHaveLength(before);
  });
});
