import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saqAReportFixture } from '../../core/report/fixtures/report-fixtures';
import { produceSignedReport } from '../../core/report/produce';
import {
  generateOrganisationCertificate,
  type OrganisationCertificate,
} from '../../core/signing/certificate';
import type { CliIo } from '../command';
import { runCli } from '../main';

let folder: string;
let signedPath: string;
let tamperedPath: string;
let certificate: OrganisationCertificate;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cli-verify-'));
  certificate = generateOrganisationCertificate({
    organisation: 'Harbour Lane Books Ltd',
    passphrase: 'pw',
  });
  const signed = await produceSignedReport({
    model: {
      ...saqAReportFixture(),
      merchantAttestation: {
        ...saqAReportFixture().merchantAttestation,
        signerName: 'Σοφία Παπαδοπούλου',
      },
    },
    variant: 'aoc',
    signing: {
      p12: certificate.p12,
      passphrase: 'pw',
      certificateFingerprint: certificate.fingerprintSha256,
      location: 'Bristol',
      contactInfo: 'ada@books.example.com',
    },
  });
  signedPath = join(folder, 'report.pdf');
  tamperedPath = join(folder, 'tampered.pdf');
  await writeFile(signedPath, signed);
  await writeFile(tamperedPath, Buffer.concat([signed, Buffer.from('\n%%EOF\n')]));
}, 60_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin: Readable.from([]),
    env: {},
  };
  const code = await runCli(['verify', ...args], io);
  return { code, out, err };
}

const colonHex = (hex: string) => hex.toUpperCase().match(/../g)?.join(':') ?? '';

describe('pci-saq verify', () => {
  it('accepts an intact report and prints the certificate fingerprint first', async () => {
    const result = await run(signedPath);

    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe(`Certificate SHA-256: ${certificate.fingerprintSha256}`);
    expect(result.out).toContain('Signer:              Σοφία Παπαδοπούλου');
    expect(result.out).toContain("(as claimed by the signer's clock)");
    // Without a fingerprint from the merchant, intact does not say who signed.
    expect(result.out).toContain(
      'Result:              INTACT (unchanged since signed), but the signer is NOT CONFIRMED',
    );
    expect(result.err.trim().split('\n')).toEqual([
      'pci-saq verify: warning: who signed report.pdf is not confirmed; compare the certificate SHA-256 with the one the merchant gave you, or pass --expect-fingerprint',
    ]);
  });

  it('checks the expected fingerprint in any usual spelling', async () => {
    const matching = await run(
      signedPath,
      '--expect-fingerprint',
      colonHex(certificate.fingerprintSha256),
    );
    const other = await run(signedPath, `--expect-fingerprint=${'0'.repeat(64)}`);

    expect(matching.code).toBe(0);
    expect(matching.out).toContain('Fingerprint:         matches the expected one');
    expect(matching.out).toContain(
      'Result:              INTACT, signed by the expected certificate',
    );
    expect(matching.err).toBe('');
    expect(other.code).toBe(1);
    expect(other.out).toContain('DOES NOT MATCH');
    expect(other.err.trim().split('\n')).toHaveLength(1);
    expect(other.err).toContain('not the one expected');
  });

  it('rejects a report with bytes added after signing, with one line on stderr', async () => {
    const result = await run(tamperedPath, '--expect-fingerprint', certificate.fingerprintSha256);

    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toEqual([
      'pci-saq verify: tampered.pdf is not intact: bytes were added after the signed part of the file (an update or appended data)',
    ]);
    // A matching certificate is no comfort when the document changed after signing.
    expect(result.out).toContain(
      'Fingerprint:         the certificate matches the expected one, but the document was changed after signing',
    );
    expect(result.out).toContain('Result:              NOT INTACT');
  });

  it('fails cleanly on a missing file and on usage errors', async () => {
    expect((await run(join(folder, 'missing.pdf'))).code).toBe(1);
    expect((await run()).code).toBe(2);
    expect((await run(signedPath, '--expect-fingerprint', 'abc')).code).toBe(2);
    expect((await run(signedPath, '--bogus')).code).toBe(2);
  });
});
