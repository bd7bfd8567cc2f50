import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../app-core';
import type { FileDialogs } from '../files/file-handles';
import { createLogger } from '../log/logger';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';

const log = createLogger({ sinks: [], level: 'error' });
const folder = mkdtempSync(join(tmpdir(), 'pci-saq-files-'));
const source = join(folder, 'firewall config.txt');
writeFileSync(source, 'deny all inbound except 443\n');

function desktopCore(dialogs: FileDialogs) {
  return createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-files-data-')),
    door: 'desktop',
    log,
    fileDialogs: dialogs,
    vaultOptions: { scrypt: CHEAP_SCRYPT },
  });
}

describe('desktop file operations', () => {
  it('imports a file chosen in the dialog through a one-time handle, and saves a copy', async () => {
    const copy = join(folder, 'copy.txt');
    const core = desktopCore({
      chooseFileToOpen: () => Promise.resolve(source),
      chooseSaveLocation: () => Promise.resolve(copy),
    });
    await core.call('createVault', { passphrase: TEST_PASSPHRASE });

    const chosen = await core.call('chooseEvidenceFile', {});
    expect(chosen).toMatchObject({
      ok: true,
      value: { fileName: 'firewall config.txt', sizeBytes: 28 },
    });
    expect(JSON.stringify(chosen)).not.toContain(folder);
    const handle = chosen.ok ? (chosen.value as { handle: string }).handle : '';

    const evidence = { title: 'Firewall rules', fileName: '', kind: 'configuration' };
    const imported = await core.call('importEvidenceFile', { handle, evidence }, 'import_000001');
    expect(imported).toMatchObject({
      ok: true,
      value: { item: { fileName: 'firewall config.txt' } },
    });
    expect(await core.call('importEvidenceFile', { handle, evidence })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const id = imported.ok ? (imported.value as { item: { id: string } }).item.id : '';
    expect(await core.call('saveEvidenceCopy', { id })).toMatchObject({
      ok: true,
      value: { fileName: 'copy.txt' },
    });
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(
      createHash('sha256').update(readFileSync(source)).digest('hex'),
    );
    await core.close();
  });

  it('answers null when the person cancels a dialog', async () => {
    const core = desktopCore({
      chooseFileToOpen: () => Promise.resolve(undefined),
      chooseSaveLocation: () => Promise.resolve(undefined),
    });
    expect(await core.call('chooseEvidenceFile', {})).toEqual({ ok: true, value: null });
    await core.close();
  });

  it('has no dialogs in browser mode', async () => {
    const core = createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-files-b-')),
      door: 'browser',
      log,
    });
    expect(await core.call('chooseEvidenceFile', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_IMPLEMENTED_HERE' },
    });
    await core.close();
  });

  it('never accepts a made-up handle', async () => {
    const core = desktopCore({
      chooseFileToOpen: () => Promise.resolve(source),
      chooseSaveLocation: () => Promise.resolve(undefined),
    });
    await core.call('createVault', { passphrase: TEST_PASSPHRASE });
    const result = await core.call('importEvidenceFile', {
      handle: '00000000-0000-4000-8000-000000000000',
      evidence: { title: 'x', fileName: 'x', kind: 'other' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await core.close();
  });
});
