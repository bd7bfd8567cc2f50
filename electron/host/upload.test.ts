import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../core/app-core';
import { createLogger } from '../core/log/logger';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../core/vault/testing';
import { startHost } from './server';

const log = createLogger({ sinks: [], level: 'error' });
const staticDir = mkdtempSync(join(tmpdir(), 'pci-saq-upload-static-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
const core = createAppCore({
  dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-upload-')),
  door: 'browser',
  log,
  vaultOptions: { scrypt: CHEAP_SCRYPT },
});
const hostPromise = startHost({ core, staticDir, log, maxUploadBytes: 8 * 1024 * 1024 });

afterAll(async () => {
  await (await hostPromise).close();
  await core.close();
});

interface Reply {
  status: number;
  body: {
    ok: boolean;
    value?: { item: { sha256: string; sizeBytes: number; fileName: string } };
    error?: { code: string };
  };
}

function describeFile(meta: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(meta)).toString('base64url');
}

async function upload(
  body: Buffer | undefined,
  headers: Record<string, string>,
  abortAfter?: number,
): Promise<Reply> {
  const host = await hostPromise;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: '/api/upload',
        headers: {
          Host: `127.0.0.1:${String(host.port)}`,
          Authorization: `Bearer ${host.token}`,
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Reply['body'],
          });
        });
      },
    );
    request.on('error', (error) => {
      if (abortAfter !== undefined) resolve({ status: 0, body: { ok: false } });
      else reject(error);
    });
    if (abortAfter !== undefined && body !== undefined) {
      request.write(body.subarray(0, abortAfter));
      setTimeout(() => request.destroy(), 200);
      return;
    }
    request.end(body);
  });
}

const evidence = {
  title: 'Quarterly scan',
  fileName: 'scan.pdf',
  kind: 'asv-scan',
  mediaType: 'application/pdf',
};

describe('the upload route', () => {
  it('refuses while the vault is locked', async () => {
    const reply = await upload(Buffer.from('x'), { 'X-Evidence': describeFile(evidence) });
    expect(reply.status).toBe(423);
    expect(reply.body.error?.code).toBe('VAULT_LOCKED');
  });

  it('streams a file into the vault and reports its digest', async () => {
    expect((await core.call('createVault', { passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    const content = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const reply = await upload(content, {
      'X-Evidence': describeFile(evidence),
      'X-Request-Id': 'upload_000001',
    });

    expect(reply.status).toBe(200);
    expect(reply.body.value?.item).toMatchObject({
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      fileName: 'scan.pdf',
    });
  });

  it('refuses a missing or malformed description, and unknown fields in it', async () => {
    expect((await upload(Buffer.from('x'), {})).status).toBe(400);
    expect((await upload(Buffer.from('x'), { 'X-Evidence': 'not base64 json' })).status).toBe(400);
    const extra = await upload(Buffer.from('x'), {
      'X-Evidence': describeFile({ ...evidence, path: '/etc/passwd' }),
    });
    expect(extra.status).toBe(400);
  });

  it('refuses a text file holding a card number', async () => {
    const reply = await upload(Buffer.from('order 77 paid with 4111 1111 1111 1111\n'), {
      'X-Evidence': describeFile({
        ...evidence,
        fileName: 'log.txt',
        mediaType: 'text/plain',
        kind: 'other',
      }),
    });
    expect(reply.body.error?.code).toBe('CARD_DATA_DETECTED');
  });

  it('refuses a body over the upload limit before reading it', async () => {
    const reply = await upload(Buffer.alloc(8 * 1024 * 1024 + 1), {
      'X-Evidence': describeFile(evidence),
    });
    expect(reply.status).toBe(413);
  });

  it('keeps nothing of an upload cut off half way', async () => {
    const before = await core.call('listEvidence', {});
    const content = Buffer.alloc(2 * 1024 * 1024, 9);
    await upload(
      content,
      {
        'X-Evidence': describeFile({ ...evidence, title: 'cut' }),
        'Content-Length': String(content.length),
      },
      512 * 1024,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = await core.call('listEvidence', {});
    expect(after).toEqual(before);
  });
});
