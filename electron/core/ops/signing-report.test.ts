import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, ExportedReport } from '../../../shared/api/ops/assessments';
import type { SigningIdentityView } from '../../../shared/api/ops/signing';
import { createAppCore, type AppCore } from '../app-core';
import { buildSampleAssessment, invokeThrough, SAMPLE_MERCHANT } from '../assessments/sample';
import { silentLogger } from '../log/logger';
import { makePkcs12, opensslPkcs12 } from '../signing/testing';
import { verifySignedPdf } from '../signing/verify';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';

/**
 * The report follows the signing identity: a report exported after a
 * PKCS#12 import is signed with the imported certificate, and one exported
 * before still verifies against the fingerprint recorded with it.
 */

let dataDir: string;
let core: AppCore;
let assessmentId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-signing-report-'));
  core = createAppCore({
    dataDir,
    door: 'browser',
    log: silentLogger,
    vaultOptions: { scrypt: CHEAP_SCRYPT },
  });
  await value('createVault', { passphrase: TEST_PASSPHRASE });
  ({ assessmentId } = await buildSampleAssessment(
    invokeThrough((name, input) => core.call(name, input)),
    { sign: true },
  ));
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function value<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await core.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function exportAoc(): Promise<{ entry: ExportedReport; pdf: Buffer; path: string }> {
  const entry = await value<ExportedReport>('exportReport', { assessmentId, variant: 'aoc' });
  const path = core.exportedFile(entry.fileName);
  if (path === undefined) throw new Error('the export is not in the exports folder');
  return { entry, pdf: readFileSync(path), path };
}

/** The fingerprint of the certificate inside a PKCS#12, as openssl reads it. */
function fingerprintInside(p12: Uint8Array, password: string): string {
  const pem = execFileSync(
    'openssl',
    ['pkcs12', '-nokeys', '-clcerts', '-passin', `pass:${password}`],
    {
      input: Buffer.from(p12),
      encoding: 'utf8',
    },
  );
  return new X509Certificate(pem.slice(pem.indexOf('-----BEGIN CERTIFICATE'))).fingerprint256
    .replace(/:/g, '')
    .toLowerCase();
}

describe('reports signed after an import', () => {
  it('are signed with the imported certificate; earlier ones still verify with the old fingerprint', async () => {
    const before = await exportAoc();
    const generated = await value<SigningIdentityView>('getSigningIdentity');
    expect(generated.origin).toBe('generated');
    expect(before.entry.certificateFingerprint).toBe(generated.fingerprintSha256);

    const p12 = makePkcs12({ commonName: 'Harbour Lane signing' }, 'import me');
    const imported = await value<SigningIdentityView>('importSigningIdentity', {
      pkcs12Base64: Buffer.from(p12).toString('base64'),
      passphrase: 'import me',
    });
    expect(imported.fingerprintSha256).toBe(fingerprintInside(p12, 'import me'));

    const after = await exportAoc();
    const verified = verifySignedPdf(after.pdf, {
      expectedFingerprint: imported.fingerprintSha256,
    });
    expect(verified).toMatchObject({
      intact: true,
      fingerprintMatches: true,
      certificateFingerprint: imported.fingerprintSha256,
      certificateSubject: 'CN=Harbour Lane signing',
      signerName: SAMPLE_MERCHANT.contactName,
    });
    expect(after.entry.certificateFingerprint).toBe(imported.fingerprintSha256);
    const pdfsig = execFileSync('pdfsig', [after.path], { encoding: 'utf8' });
    expect(pdfsig).toContain('Signature is Valid.');
    expect(pdfsig).toContain('Total document signed');

    expect(
      verifySignedPdf(before.pdf, { expectedFingerprint: generated.fingerprintSha256 }),
    ).toMatchObject({ intact: true, fingerprintMatches: true });
    expect(
      verifySignedPdf(before.pdf, { expectedFingerprint: imported.fingerprintSha256 }),
    ).toMatchObject({ intact: false, fingerprintMatches: false });

    const detail = await value<AssessmentDetail>('getAssessment', { assessmentId });
    expect(detail.exports.map((entry) => entry.certificateFingerprint)).toEqual([
      generated.fingerprintSha256,
      imported.fingerprintSha256,
    ]);
  });

  it.each(['P-256', 'P-384'])(
    'are signed with an imported EC %s key: pdfsig and our verifier accept them',
    async (curve) => {
      const folder = mkdtempSync(join(tmpdir(), 'pci-saq-ec-'));
      try {
        const made = opensslPkcs12(folder, 'ec', { curve }, 'ec password');
        const imported = await value<SigningIdentityView>('importSigningIdentity', {
          pkcs12Base64: Buffer.from(made.p12).toString('base64'),
          passphrase: 'ec password',
        });
        expect(imported).toMatchObject({
          fingerprintSha256: made.fingerprint,
          keyDescription: `EC ${curve}`,
        });

        const exported = await exportAoc();
        expect(
          verifySignedPdf(exported.pdf, { expectedFingerprint: made.fingerprint }),
        ).toMatchObject({
          intact: true,
          fingerprintMatches: true,
          signerName: SAMPLE_MERCHANT.contactName,
          certificateSubject: 'CN=ec signer, O=Example Shop',
        });
        const pdfsig = execFileSync('pdfsig', [exported.path], { encoding: 'utf8' });
        expect(pdfsig).toContain('Signature is Valid.');
        expect(pdfsig).toContain('Total document signed');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
