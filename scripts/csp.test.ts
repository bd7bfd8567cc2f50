import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy,
  NONCE_PLACEHOLDER,
} from '../shared/security/csp';

const indexHtml = readFileSync(join(import.meta.dirname, '../renderer/index.html'), 'utf8');

describe('the content security policy', () => {
  it('index.html carries the same policy as the response header (less frame-ancestors)', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy(NONCE_PLACEHOLDER));
    expect(contentSecurityPolicy('n')).toBe(
      `${metaContentSecurityPolicy('n')}; frame-ancestors 'none'`,
    );
  });

  it('allows no inline script, eval or foreign source', () => {
    const policy = contentSecurityPolicy('abc');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/https?:/);
    expect(policy).toContain("style-src 'self' 'nonce-abc'");
  });
});
