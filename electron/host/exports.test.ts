import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../core/app-core';
import { createLogger } from '../core/log/logger';
import { startHost } from './server';

const log = createLogger({ sinks: [], level: 'error' });
const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-exports-'));
mkdirSync(join(dataDir, 'exports'));
writeFileSync(join(dataDir, 'exports', 'SAQ A report 2026.pdf'), '%PDF-1.7 signed');
writeFileSync(join(dataDir, 'exports', 'Café-Ünïcødé-GmbH-SAQ-A-report.pdf'), '%PDF-1.7 accents');
writeFileSync(join(dataDir, 'outside.pdf'), '%PDF-1.7 not an export');
const staticDir = mkdtempSync(join(tmpdir(), 'pci-saq-exports-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
const core = createAppCore({ dataDir, door: 'browser', log });
const hostPromise = startHost({ core, staticDir, log });

afterAll(async () => {
  await (await hostPromise).close();
});

async function get(path: string, withToken = true) {
  const host = await hostPromise;
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path,
          headers: {
            Host: `127.0.0.1:${String(host.port)}`,
            ...(withToken ? { Authorization: `Bearer ${host.token}` } : {}),
          },
        },
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
      request.end();
    },
  );
}

describe('the export download route', () => {
  it('serves an exported report as an attachment that the browser never renders', async () => {
    const response = await get(`/api/exports/${encodeURIComponent('SAQ A report 2026.pdf')}`);
    expect(response.status).toBe(200);
    expect(response.body).toBe('%PDF-1.7 signed');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="SAQ_A_report_2026.pdf"; filename*=UTF-8''SAQ%20A%20report%202026.pdf`,
    );
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a report whose name holds letters outside ASCII', async () => {
    const response = await get(
      `/api/exports/${encodeURIComponent('Café-Ünïcødé-GmbH-SAQ-A-report.pdf')}`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe('%PDF-1.7 accents');
  });

  it('needs the token', async () => {
    expect((await get('/api/exports/SAQ%20A%20report%202026.pdf', false)).status).toBe(401);
  });

  it.each([
    '/api/exports/..%2Foutside.pdf',
    '/api/exports/%2e%2e%2foutside.pdf',
    '/api/exports/../outside.pdf',
    '/api/exports/missing.pdf',
    '/api/exports/vault.db',
    '/api/exports/',
    '/api/exports/.hidden.pdf',
    '/api/exports/a%0Ab.pdf',
    '/api/exports/a%E2%80%AEfdp.pdf',
  ])('refuses %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain('not an export');
  });
});
