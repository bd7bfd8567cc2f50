import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_BYTES } from '../../shared/api/uploads';
import { createAppCore } from '../core/app-core';
import { buildSampleAssessment, invokeThrough } from '../core/assessments/sample';
import { createLogger } from '../core/log/logger';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../core/vault/testing';
import { startHost } from './server';

/**
 * The upload route's purposes besides evidence: a report to verify (kept in
 * memory, PDFs only, 64 MiB at most) and an assessment to import (plain JSON
 * in memory; an encrypted bundle spooled to the private `incoming` folder).
 * A refused, cancelled or cut-off upload leaves no handle and no file.
 */

const log = createLogger({ sinks: [], level: 'error' });
const staticDir = mkdtempSync(join(tmpdir(), 'pci-saq-file-upload-static-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-file-upload-'));
const incoming = join(dataDir, 'incoming');
const core = createAppCore({
  dataDir,
  door: 'browser',
  log,
  vaultOptions: { scrypt: CHEAP_SCRYPT },
});
const hostPromise = startHost({ core, staticDir, log, maxUploadBytes: 128 * 1024 * 1024 });
const BUNDLE_PASSPHRASE = 'a bundle passphrase for the test';

interface Reply {
  readonly status: number;
  readonly body: {
    ok: boolean;
    value?: { handle: string; fileName: string; sizeBytes: number; kind?: string };
    error?: { code: string; message: string };
  };
}

let report: Buffer;
let bundle: Buffer;

async function call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const host = await hostPromise;
  const response = await fetch(`http://127.0.0.1:${String(host.port)}/api/op/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return (await response.json()) as { ok: boolean; value?: unknown };
}

async function valueOf<T>(name: string, input: unknown): Promise<T> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value as T;
}

/** Downloads an export as the page does. */
async function download(fileName: string): Promise<Buffer> {
  const host = await hostPromise;
  const response = await fetch(
    `http://127.0.0.1:${String(host.port)}/api/exports/${encodeURIComponent(fileName)}`,
    { headers: { Authorization: `Bearer ${host.token}` } },
  );
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  await valueOf('createVault', { passphrase: TEST_PASSPHRASE });
  const { assessmentId } = await buildSampleAssessment(invokeThrough(call as never), {
    sign: true,
  });
  const exported = await valueOf<{ fileName: string }>('exportReport', {
    assessmentId,
    variant: 'aoc',
  });
  report = await download(exported.fileName);
  const copy = await valueOf<{ fileName: string; delivery: string }>('exportPortableCopy', {
    assessmentId,
    format: 'bundle',
    passphrase: BUNDLE_PASSPHRASE,
  });
  expect(copy.delivery).toBe('download');
  bundle = await download(copy.fileName);
}, 60_000);

afterAll(async () => {
  await (await hostPromise).close();
  await core.close();
});

/** Sends a file to the upload route; `cutAfter` bytes then drops the connection. */
async function upload(
  body: Buffer,
  headers: Record<string, string>,
  options: { readonly cutAfter?: number; readonly declare?: number } = {},
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
          'Content-Length': String(options.declare ?? body.length),
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
      if (options.cutAfter !== undefined || options.declare !== undefined) {
        resolve({ status: 0, body: { ok: false } });
      } else reject(error);
    });
    if (options.cutAfter !== undefined) {
      request.write(body.subarray(0, options.cutAfter), () => {
        setTimeout(() => request.destroy(), 300);
      });
      return;
    }
    request.end(body);
  });
}

function named(purpose: string, fileName: string): Record<string, string> {
  return {
    'X-Upload-Purpose': purpose,
    'X-File-Name': Buffer.from(fileName).toString('base64url'),
  };
}

function incomingFiles(): string[] {
  try {
    return readdirSync(incoming);
  } catch {
    return [];
  }
}

describe('uploading a report to verify', () => {
  it('gives a handle that verifies as intact, named as the person named it', async () => {
    const reply = await upload(report, named('report', 'Rapport signé.pdf'));

    expect(reply.status).toBe(200);
    expect(reply.body.value).toMatchObject({
      fileName: 'Rapport signé.pdf',
      sizeBytes: report.length,
    });
    const verified = await valueOf<{ intact: boolean; fileName: string }>('verifyReport', {
      handle: reply.body.value?.handle,
    });
    expect(verified).toMatchObject({ intact: true, fileName: 'Rapport signé.pdf' });
  });

  it('refuses a file that is not a PDF with a message naming it', async () => {
    const reply = await upload(
      Buffer.from('PK\u0003\u0004 a zip, not a report'),
      named('report', 'report.zip'),
    );

    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('INVALID_INPUT');
    expect(reply.body.error?.message).toMatch(/report\.zip is not a PDF/);
  });

  it('refuses a report larger than 64 MiB before reading it, and an unknown purpose', async () => {
    const declared = await upload(Buffer.from('%PDF-1.7\n'), named('report', 'big.pdf'), {
      declare: MAX_REPORT_BYTES + 1,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error?.code).toBe('TOO_LARGE');

    const unknown = await upload(report, named('firmware', 'report.pdf'));
    expect(unknown.status).toBe(400);
  });

  it('refuses a report that passes 64 MiB while streaming (no length declared up front)', async () => {
    const host = await hostPromise;
    const chunk = Buffer.alloc(4 * 1024 * 1024, 0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(Buffer.from('%PDF-1.7\n'));
        if (sent > MAX_REPORT_BYTES + chunk.length) controller.close();
        else controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const response = await fetch(`http://127.0.0.1:${String(host.port)}/api/upload`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { Authorization: `Bearer ${host.token}`, ...named('report', 'endless.pdf') },
    }).catch(() => undefined);

    // The server answers 413 and drops the connection; either way nothing is kept.
    if (response !== undefined) expect(response.status).toBe(413);
  });
});

describe('uploading an assessment to import', () => {
  it('spools a bundle (ciphertext only) and imports it; the spooled file is then gone', async () => {
    const reply = await upload(bundle, named('portable', 'copy.bundle'));
    expect(reply.body.value).toMatchObject({ kind: 'bundle', sizeBytes: bundle.length });
    const spooled = incomingFiles();
    expect(spooled).toHaveLength(1);

    const imported = await valueOf<{ outcome: string }>('importAssessment', {
      handle: reply.body.value?.handle,
      bundlePassphrase: BUNDLE_PASSPHRASE,
    });
    expect(imported.outcome).toBe('imported');
    expect(incomingFiles()).toEqual([]);
  });

  it('keeps nothing from a bundle upload cut off midway', async () => {
    const reply = await upload(bundle, named('portable', 'copy.bundle'), {
      cutAfter: Math.floor(bundle.length / 2),
    });

    expect(reply.body.ok).toBe(false);
    await expect.poll(() => incomingFiles(), { timeout: 10_000 }).toEqual([]);
  });

  it('keeps a plain JSON document in memory only', async () => {
    const json = Buffer.from(JSON.stringify({ format: 'not really' }));
    const reply = await upload(json, named('portable', 'copy.json'));

    expect(reply.body.value).toMatchObject({ kind: 'json', sizeBytes: json.length });
    expect(incomingFiles()).toEqual([]);
    const refused = await valueOf<{ outcome: string; problems: { path: string }[] }>(
      'importAssessment',
      { handle: reply.body.value?.handle },
    );
    expect(refused.outcome).toBe('refused');
    expect(refused.problems.length).toBeGreaterThan(0);
  });

  it('removes a downloaded portable copy from the exports folder', () => {
    expect(
      readdirSync(join(dataDir, 'exports')).filter((name) => name.endsWith('.bundle')),
    ).toEqual([]);
  });
});
