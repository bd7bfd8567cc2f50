import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NONCE_PLACEHOLDER } from '../../shared/security/csp';
import { createAppCore } from '../core/app-core';
import { createLogger } from '../core/log/logger';
import { MAX_API_BODY_BYTES, startHost } from './server';

const log = createLogger({ sinks: [], level: 'error' });
const staticDir = mkdtempSync(join(tmpdir(), 'pci-saq-host-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(
  join(staticDir, 'index.html'),
  `<meta name="csp-nonce" content="${NONCE_PLACEHOLDER}">`,
);
writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}');
const core = createAppCore({
  dataDir: mkdtempSync(join(tmpdir(), 'pci-saq-data-')),
  door: 'browser',
  log,
});
const hostPromise = startHost({ core, staticDir, log, maxUploadBytes: 4096 });

afterAll(async () => {
  await (await hostPromise).close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that Host and other forbidden headers can be forged. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawResponse> {
  return hostPromise.then(
    (host) =>
      new Promise((resolve, reject) => {
        const request = httpRequest(
          { host: '127.0.0.1', port: host.port, method, path, headers },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString(),
              });
            });
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
  );
}

async function authHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const host = await hostPromise;
  return {
    Host: `127.0.0.1:${String(host.port)}`,
    Authorization: `Bearer ${host.token}`,
    'Content-Type': 'application/json',
    ...extra,
  };
}

describe('browser-mode server', () => {
  it('prints an address with the token only in the fragment', async () => {
    const host = await hostPromise;
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toBe(`#token=${host.token}`);
    expect(url.search).toBe('');
  });

  it('answers an operation with no-store and the hardening headers', async () => {
    const response = await raw(
      'POST',
      '/api/op/getAppInfo',
      await authHeaders(),
      JSON.stringify({ input: {} }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { door: 'browser' } });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses an API call without the token', async () => {
    const headers = await authHeaders();
    delete headers['Authorization'];
    const response = await raw('POST', '/api/op/getAppInfo', headers, '{}');
    expect(response.status).toBe(401);
    expect(response.body).not.toContain('productName');
  });

  it('refuses a rebinding Host even with the token', async () => {
    const response = await raw(
      'POST',
      '/api/op/getAppInfo',
      await authHeaders({ Host: 'attacker.example' }),
      '{}',
    );
    expect(response.status).toBe(421);
  });

  it('refuses a declared oversize body before reading it', async () => {
    const body = JSON.stringify({ input: {}, pad: 'x'.repeat(MAX_API_BODY_BYTES) });
    const response = await raw('POST', '/api/op/getAppInfo', await authHeaders(), body);
    expect(response.status).toBe(413);
  });

  it('refuses an oversize chunked body while reading it', async () => {
    const headers = await authHeaders({ 'Transfer-Encoding': 'chunked' });
    const response = await raw(
      'POST',
      '/api/op/getAppInfo',
      headers,
      Buffer.alloc(MAX_API_BODY_BYTES + 10, 0x20),
    );
    expect(response.status).toBe(413);
  });

  it('refuses unknown envelope keys and non-JSON bodies', async () => {
    expect(
      (await raw('POST', '/api/op/getAppInfo', await authHeaders(), '{"input":{},"x":1}')).status,
    ).toBe(400);
    expect((await raw('POST', '/api/op/getAppInfo', await authHeaders(), 'not json')).status).toBe(
      400,
    );
  });

  it('serves the page with a per-load nonce in its CSP', async () => {
    const host = await hostPromise;
    const response = await raw('GET', '/', { Host: `localhost:${String(host.port)}` });
    const nonce = /content="([^"]+)"/.exec(response.body)?.[1] ?? '';

    expect(response.status).toBe(200);
    expect(nonce.length).toBeGreaterThan(10);
    expect(response.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
  });

  it('does not serve files outside the page folder', async () => {
    const host = await hostPromise;
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const response = await raw('GET', path, { Host: `127.0.0.1:${String(host.port)}` });
      expect(response.status).toBe(404);
    }
  });

  it('has an upload route with its own larger limit', async () => {
    const headers = await authHeaders({ 'Content-Type': 'application/octet-stream' });
    expect((await raw('POST', '/api/upload', headers, Buffer.alloc(4097))).status).toBe(413);
    expect(
      (
        await raw(
          'POST',
          '/api/upload',
          { ...headers, Authorization: 'Bearer nope_nope_nope_nope' },
          'x',
        )
      ).status,
    ).toBe(401);
  });
});
