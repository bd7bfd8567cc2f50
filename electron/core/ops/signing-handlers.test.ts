import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportedCertificate, SigningIdentityView } from '../../../shared/api/ops/signing';
import { findCardData } from '../../../shared/domain/card-data';
import { createAppCore, type AppCore } from '../app-core';
import type { AuditEntry } from '../audit/audit-trail';
import { EventHub } from '../events';
import type { FileDialogs } from '../files/file-handles';
import { createLogger, memorySink, silentLogger } from '../log/logger';
import { vaultPaths } from '../paths';
import { daysFromNow, makePkcs12 } from '../signing/testing';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';
import { VaultService } from '../vault/vault-service';

/** A test card number as the PKCS#12 password: the card-data scan must skip it like a passphrase. */
const P12_PASSWORD = '4111 1111 1111 1111';

let dataDir: string;
let core: AppCore;
let logLines: string[];

function startCore(fileDialogs?: FileDialogs): AppCore {
  const sink = memorySink();
  logLines = sink.lines;
  return createAppCore({
    dataDir,
    door: fileDialogs === undefined ? 'browser' : 'desktop',
    log: createLogger({ sinks: [sink], level: 'debug' }),
    vaultOptions: { scrypt: CHEAP_SCRYPT },
    ...(fileDialogs === undefined ? {} : { fileDialogs }),
  });
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-signing-ops-'));
  core = startCore();
  await value('createVault', { passphrase: TEST_PASSPHRASE });
});

afterEach(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function value<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await core.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refusal(name: string, input: unknown) {
  const result = await core.call(name, input);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error;
}

function importInput(p12: Uint8Array, passphrase = P12_PASSWORD) {
  return { pkcs12Base64: Buffer.from(p12).toString('base64'), passphrase };
}

/** The audit trail and stored settings, read by reopening the vault after the core closed. */
async function vaultContents(): Promise<{ audit: AuditEntry[]; settings: string }> {
  await core.close();
  const vault = new VaultService({
    paths: vaultPaths(join(dataDir, 'vault')),
    backupsDir: join(dataDir, 'backups'),
    door: 'cli',
    log: silentLogger,
    events: new EventHub(),
    scrypt: CHEAP_SCRYPT,
  });
  try {
    await vault.unlock({ passphrase: TEST_PASSPHRASE });
    const session = vault.session();
    return {
      audit: session.audit.entries(),
      settings: session.read((database) =>
        database
          .prepare<[], { value: string }>('SELECT value FROM settings')
          .all()
          .map((row) => row.value)
          .join('\n'),
      ),
    };
  } finally {
    await vault.close();
    core = startCore();
  }
}

describe('the signing certificate operations', () => {
  it('has none at first, then generates one whose .cer download hashes to its fingerprint', async () => {
    expect(await value('getSigningIdentity')).toBeNull();
    expect((await refusal('exportSigningCertificate', {})).code).toBe('NOT_FOUND');

    const generated = await value<SigningIdentityView>('generateSigningIdentity', {
      organisation: 'Βιβλία Café',
    });
    expect(generated).toMatchObject({
      subject: 'CN=Vivlia Cafe attestation signing, O=Vivlia Cafe',
      origin: 'generated',
      keyDescription: 'RSA 3072-bit',
    });
    expect(await value('getSigningIdentity')).toEqual(generated);

    const exported = await value<ExportedCertificate>('exportSigningCertificate');
    const path = core.exportedFile(exported.fileName);
    if (path === undefined) throw new Error('the download route does not serve the .cer');
    const der = readFileSync(path);

    expect(exported.fileName).toMatch(/^signing-certificate-[0-9a-f]{16}\.cer$/);
    expect(createHash('sha256').update(der).digest('hex')).toBe(generated.fingerprintSha256);
    expect(new X509Certificate(der).subject).toContain('O=Vivlia Cafe');
    expect(der.toString('latin1')).not.toMatch(/PRIVATE KEY/);
  });

  it('imports a PKCS#12, audits old -> new fingerprints, and keeps neither key nor password in view', async () => {
    const before = await value<SigningIdentityView>('generateSigningIdentity', {
      organisation: 'Example Shop',
    });
    const p12 = makePkcs12({ commonName: 'Example Shop signing' }, P12_PASSWORD);

    // Inspecting first (the page's confirmation) describes it and changes nothing.
    const preview = await value<SigningIdentityView>('inspectSigningPkcs12', importInput(p12));
    expect(preview).toMatchObject({ subject: 'CN=Example Shop signing' });
    expect(await value('getSigningIdentity')).toEqual(before);
    expect(
      (await refusal('inspectSigningPkcs12', { ...importInput(p12), passphrase: 'wrong' })).path,
    ).toBe('passphrase');

    const imported = await value<SigningIdentityView>('importSigningIdentity', importInput(p12));
    expect(imported.fingerprintSha256).toBe(preview.fingerprintSha256);
    expect(imported).toMatchObject({
      subject: 'CN=Example Shop signing',
      origin: 'imported',
      keyDescription: 'RSA 2048-bit',
    });
    expect(imported.fingerprintSha256).not.toBe(before.fingerprintSha256);
    expect(await value('getSigningIdentity')).toEqual(imported);

    const { audit, settings } = await vaultContents();
    expect(audit.at(-2)).toMatchObject({
      action: 'signing.certificate-generated',
      summary: `fingerprint none -> ${before.fingerprintSha256}`,
    });
    const last = audit.at(-1);
    expect(last).toMatchObject({
      action: 'signing.certificate-imported',
      summary: `fingerprint ${before.fingerprintSha256} -> ${imported.fingerprintSha256}`,
    });
    const everything = [JSON.stringify(audit), settings, ...logLines].join('\n');
    expect(everything).not.toContain(P12_PASSWORD);
    expect(everything).not.toContain(P12_PASSWORD.replace(/ /g, ''));
    expect(JSON.stringify(audit)).not.toContain(Buffer.from(p12).toString('base64').slice(0, 40));
  });

  it.each([
    ['a wrong password', () => importInput(makePkcs12({}, P12_PASSWORD), 'not it'), 'passphrase'],
    [
      'a key that is not the certificate’s',
      () => importInput(makePkcs12({ foreignKey: true }, P12_PASSWORD)),
      'pkcs12Base64',
    ],
    [
      'an expired certificate',
      () => importInput(makePkcs12({ notAfter: daysFromNow(-1) }, P12_PASSWORD)),
      'pkcs12Base64',
    ],
    ['a 1024-bit key', () => importInput(makePkcs12({ bits: 1024 }, P12_PASSWORD)), 'pkcs12Base64'],
    [
      'a file that is not a PKCS#12',
      () => importInput(new Uint8Array(Buffer.from('%PDF-1.7'))),
      'pkcs12Base64',
    ],
  ] as const)('refuses %s, names the field and changes nothing', async (_, input, path) => {
    const before = await value<SigningIdentityView>('generateSigningIdentity', {
      organisation: 'Example Shop',
    });

    const error = await refusal('importSigningIdentity', input());
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path });
    expect(error.message).toMatch(/the signing certificate was not changed$/);
    expect(await value('getSigningIdentity')).toEqual(before);
    expect(logLines.join('\n')).not.toContain(P12_PASSWORD);
  });

  it('does not scan the file for card data: base64 spells "CvD880" by chance', async () => {
    const pkcs12Base64 = 'uMws+CvD880sBr/S';
    expect(findCardData(pkcs12Base64)).not.toEqual([]);

    const error = await refusal('importSigningIdentity', { pkcs12Base64, passphrase: 'x' });

    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'pkcs12Base64' });
    expect(error.message).toMatch(/^the file is not a PKCS#12/);
  });

  it('refuses a file over 256 KiB as too large before opening it', async () => {
    const error = await refusal(
      'importSigningIdentity',
      importInput(new Uint8Array(256 * 1024 + 1)),
    );

    expect(error).toMatchObject({
      code: 'TOO_LARGE',
      message: 'a PKCS#12 file is at most 256 KiB',
    });
    expect(await value('getSigningIdentity')).toBeNull();
  });

  it('on the desktop, saves the .cer where the person chose, and nothing when they cancel', async () => {
    await core.close();
    const saveDir = mkdtempSync(join(tmpdir(), 'pci-saq-cer-'));
    let answer: string | undefined = join(saveDir, 'for the acquirer.cer');
    core = startCore({
      chooseFileToOpen: () => Promise.resolve(undefined),
      chooseSaveLocation: () => Promise.resolve(answer),
    });
    try {
      await value('unlockVault', { passphrase: TEST_PASSPHRASE });
      const identity = await value<SigningIdentityView>('generateSigningIdentity', {
        organisation: 'Example Shop',
      });

      const saved = await value<ExportedCertificate>('exportSigningCertificate');
      expect(saved.fileName).toBe('for the acquirer.cer');
      expect(
        createHash('sha256')
          .update(readFileSync(join(saveDir, saved.fileName)))
          .digest('hex'),
      ).toBe(identity.fingerprintSha256);
      expect(existsSync(join(dataDir, 'exports'))).toBe(false);

      answer = undefined;
      expect(await value('exportSigningCertificate')).toBeNull();
      expect(readdirSync(saveDir)).toEqual(['for the acquirer.cer']);
    } finally {
      rmSync(saveDir, { recursive: true, force: true });
    }
  });

  it('answers VAULT_LOCKED while locked', async () => {
    await value('lockVault');

    expect((await refusal('getSigningIdentity', {})).code).toBe('VAULT_LOCKED');
    expect((await refusal('importSigningIdentity', importInput(makePkcs12()))).code).toBe(
      'VAULT_LOCKED',
    );
    expect((await refusal('inspectSigningPkcs12', importInput(makePkcs12()))).code).toBe(
      'VAULT_LOCKED',
    );
  });
});
