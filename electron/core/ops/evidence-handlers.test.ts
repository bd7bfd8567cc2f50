import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operations } from '../../../shared/api/contract';
import type { CoreContext } from '../core-context';
import { dispatch, type CallContext, type Handlers } from '../dispatch';
import { createEvidenceService, type EvidenceService } from '../evidence/evidence-service';
import { silentLogger } from '../log/logger';
import {
  seedAssessment,
  temporaryVault,
  TEST_PASSPHRASE,
  type TemporaryVault,
} from '../vault/testing';
import { evidenceHandlers } from './evidence-handlers';

let vault: TemporaryVault;
let evidence: EvidenceService;
let handlers: Handlers;

beforeEach(async () => {
  vault = temporaryVault({ prefix: 'pci-saq-evidence-ops-' });
  await vault.service.create(TEST_PASSPHRASE);
  const context: CoreContext = {
    door: 'browser',
    dataDir: vault.root,
    vaultPaths: vault.service.paths,
    log: silentLogger,
    events: vault.events,
  };
  // Only the evidence operations are called here.
  handlers = evidenceHandlers(context, vault.service) as unknown as Handlers;
  evidence = createEvidenceService(vault.service, { door: 'browser', log: silentLogger });
});

afterEach(async () => {
  await vault.remove();
});

const callContext: CallContext = {
  door: 'browser',
  requestId: undefined,
  signal: new AbortController().signal,
  progress: () => undefined,
};

const call = (name: string, input: unknown) =>
  dispatch({ handlers, log: silentLogger }, name, input, callContext);

async function* bytes(text: string) {
  await Promise.resolve();
  yield Buffer.from(text);
}

async function addPolicy() {
  const { item } = await evidence.importEvidence(bytes('Password policy v3\n'), {
    title: 'Password policy',
    fileName: 'policy.txt',
    mediaType: 'text/plain',
    kind: 'policy',
  });
  return item;
}

describe('evidence operations', () => {
  it('are all in the contract', () => {
    expect(Object.keys(operations)).toEqual(
      expect.arrayContaining([
        'listEvidence',
        'getEvidence',
        'updateEvidence',
        'linkEvidence',
        'unlinkEvidence',
        'deleteEvidence',
        'readEvidenceContent',
        'getEvidenceSizeLimit',
        'setEvidenceSizeLimit',
      ]),
    );
  });

  it('reads and sets the size limit, which the next import obeys', async () => {
    expect(await call('getEvidenceSizeLimit', {})).toEqual({
      ok: true,
      value: { maxMebibytes: 1024, defaultMebibytes: 1024 },
    });
    expect(await call('setEvidenceSizeLimit', { maxMebibytes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('setEvidenceSizeLimit', { maxMebibytes: 1 })).toEqual({
      ok: true,
      value: { maxMebibytes: 1, defaultMebibytes: 1024 },
    });
    await expect(
      evidence.importEvidence(bytes('x'), {
        title: 'Too big',
        fileName: 'big.bin',
        kind: 'other',
        sizeBytes: 1024 * 1024 + 1,
      }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('list, read, link, update and delete an item through the API', async () => {
    const item = await addPolicy();
    const assessmentId = vault.service
      .session()
      .write('browser', ({ database }) => seedAssessment(database));

    await expect(call('listEvidence', {})).resolves.toMatchObject({
      ok: true,
      value: [{ id: item.id, title: 'Password policy', textCheck: 'checked' }],
    });
    await expect(
      call('readEvidenceContent', { id: item.id, offset: 9, length: 6 }),
    ).resolves.toEqual({
      ok: true,
      value: {
        base64: Buffer.from('policy').toString('base64'),
        offset: 9,
        length: 6,
        totalBytes: 19,
        mediaType: 'text/plain',
      },
    });
    await expect(
      call('linkEvidence', { id: item.id, assessmentId, rowId: '8.3.6' }),
    ).resolves.toMatchObject({ ok: true, value: { links: [{ rowId: '8.3.6' }] } });
    await expect(
      call('updateEvidence', { id: item.id, expectedRevision: 1, expiresOn: '2027-02-30' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'expiresOn' } });
    await expect(
      call('updateEvidence', { id: item.id, expectedRevision: 1, expiresOn: '2027-02-28' }),
    ).resolves.toMatchObject({ ok: true, value: { revision: 2, expiresOn: '2027-02-28' } });
    await expect(call('deleteEvidence', { id: item.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'confirm' },
    });
    await expect(call('deleteEvidence', { id: item.id, confirm: true })).resolves.toEqual({
      ok: true,
      value: { id: item.id, contentRemoved: true },
    });
    await expect(call('getEvidence', { id: item.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a test card number sent straight to the API, without echoing it', async () => {
    const item = await addPolicy();
    const result = await call('updateEvidence', {
      id: item.id,
      expectedRevision: 1,
      description: 'Customer paid with 4111-1111-1111-1111',
    });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CARD_DATA_DETECTED', path: 'description' },
    });
    expect(JSON.stringify(result)).not.toMatch(/4111/);
    await expect(call('getEvidence', { id: item.id })).resolves.toMatchObject({
      ok: true,
      value: { description: '', revision: 1 },
    });
  });

  it('refuses everything while the vault is locked', async () => {
    await vault.service.lock();
    await expect(call('listEvidence', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    });
  });
});
