import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl } from './url-policy';

describe('isAppUrl', () => {
  it.each([
    ['app://app/index.html', true],
    ['app://app/assets/x.js', true],
    ['app://evil/index.html', false],
    ['app://user:pw@app/index.html', false],
    ['file:///etc/passwd', false],
    ['https://app/index.html', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('isAllowedExternalUrl', () => {
  it('opens the PCI SSC document library over https', () => {
    expect(isAllowedExternalUrl('https://www.pcisecuritystandards.org/document_library/')).toBe(
      true,
    );
  });

  it.each([
    'http://www.pcisecuritystandards.org/',
    'file:///C:/Windows/System32/calc.exe',
    'file://server/share/x',
    'smb://server/share',
    '\\\\server\\share\\x.exe',
    '//server/share',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>1</script>',
    'https://www.pcisecuritystandards.org.evil.example/',
    'https://evil.example/www.pcisecuritystandards.org/',
    'https://www.pcisecuritystandards.org@evil.example/',
    'https://user@www.pcisecuritystandards.org/',
    'https://www.pcisecuritystandards.org:8443/',
    'https://www.pcisecuritystandards.org\t.evil/',
    'https://xn--pcisecuritystandards-9xb.org/',
    'https://www.pcisecuritystandards.org\\@evil.example/',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses thousands of random mutations of an allowed link unless they stay on an allowed host over https', () => {
    const base = 'https://www.pcisecuritystandards.org/document_library/';
    const alphabet = [
      '/',
      '\\',
      '@',
      ':',
      '.',
      '%',
      '\u0000',
      '\u202e',
      ' ',
      '#',
      '?',
      'a',
      'é',
      'file:',
      'smb:',
      '//',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };

    for (let i = 0; i < 5000; i++) {
      const chars = Array.from(base);
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        chars.splice(
          at,
          random() < 0.5 ? 1 : 0,
          alphabet[Math.floor(random() * alphabet.length)] ?? '',
        );
      }
      const candidate = chars.join('');
      if (!isAllowedExternalUrl(candidate)) continue;

      const parsed = new URL(candidate);
      expect(parsed.protocol).toBe('https:');
      expect(['www.pcisecuritystandards.org', 'docs-prv.pcisecuritystandards.org']).toContain(
        parsed.hostname,
      );
      expect(parsed.username + parsed.password + parsed.port).toBe('');
    }
  });
});
