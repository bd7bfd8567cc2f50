import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NONCE_PLACEHOLDER } from '../../shared/security/csp';
import { serveAppRequest } from './app-protocol';

function rendererRoot(): string {
  const outside = mkdtempSync(join(tmpdir(), 'pci-saq-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'outside the root');
  const root = mkdtempSync(join(tmpdir(), 'pci-saq-renderer-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), `<meta name="csp-nonce" content="${NONCE_PLACEHOLDER}">`);
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'link.txt'));

  return root;
}

describe('serveAppRequest', () => {
  const root = rendererRoot();

  it('serves the page with a fresh nonce that matches its CSP', () => {
    const first = serveAppRequest(root, 'app://app/index.html');
    const second = serveAppRequest(root, 'app://app/');
    const nonce = /content="([^"]+)"/.exec(String(first.body))?.[1] ?? '';

    expect(first.status).toBe(200);
    expect(nonce).not.toBe(NONCE_PLACEHOLDER);
    expect(first.headers['Content-Security-Policy']).toContain(`'nonce-${nonce}'`);
    expect(first.headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(String(second.body)).not.toContain(nonce);
  });

  it('serves assets with their media type and nosniff', () => {
    const response = serveAppRequest(root, 'app://app/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toContain('text/javascript');
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it.each([
    'app://app/../secret.txt',
    'app://app/assets/../../secret.txt',
    'app://app/%2e%2e/secret.txt',
    'app://app/assets/%2E%2E/%2e%2e/secret.txt',
    'app://app/%2e%2e%2fsecret.txt',
    'app://app//etc/passwd',
    'app://app/%2Fetc%2Fpasswd',
    'app://app/assets/link.txt',
    'app://app/assets%5c..%5c..%5csecret.txt',
    'app://app/assets/app.js%00.png',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://app/missing.js',
  ])('refuses %s', (url) => {
    expect(serveAppRequest(root, url).status).toBe(404);
  });
});
