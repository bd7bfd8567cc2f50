import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../../../shared/api/ops/evidence';
import { formatSize, previewKind, safeDownloadName } from './content';

describe('safeDownloadName', () => {
  it('keeps an ordinary name', () => {
    expect(safeDownloadName('ASV scan Q3 2026.pdf')).toBe('ASV scan Q3 2026.pdf');
  });

  it('neutralises separators, parent folders and characters Windows refuses', () => {
    const name = safeDownloadName('../../etc/pass:wd?.txt');
    expect(name).not.toMatch(/[/\\:?]/);
    expect(name.startsWith('.')).toBe(false);
  });

  it('removes the right-to-left override that disguises an extension', () => {
    const name = safeDownloadName('invoice\u202Efdp.exe');
    expect(name).not.toContain('\u202E');
    expect(name.endsWith('.exe')).toBe(true);
  });

  it('prefixes Windows reserved device names', () => {
    expect(safeDownloadName('CON.txt')).not.toMatch(/^con(\.|$)/i);
    expect(safeDownloadName('lpt1')).not.toMatch(/^lpt1$/i);
  });

  it('never answers an empty name, and shortens long ones keeping the extension', () => {
    expect(safeDownloadName('...')).not.toBe('');
    const long = safeDownloadName(`${'é'.repeat(300)}.pdf`);
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('joins NFD text to its NFC twin', () => {
    expect(safeDownloadName('re\u0301sume\u0301.txt')).toBe(safeDownloadName('résumé.txt'));
  });
});

describe('previewKind', () => {
  const item = (mediaType: string, fileName: string) => ({ mediaType, fileName }) as EvidenceItem;

  it('shows SVG as text, never as an image of the app', () => {
    expect(previewKind(item('image/svg+xml', 'logo.svg'))).toBe('text');
  });

  it('knows images, PDF and text, and nothing else', () => {
    expect(previewKind(item('image/png', 'a.png'))).toBe('image');
    expect(previewKind(item('application/pdf', 'a.pdf'))).toBe('pdf');
    expect(previewKind(item('application/octet-stream', 'rules.csv'))).toBe('text');
    expect(previewKind(item('application/zip', 'export.zip'))).toBe('none');
  });
});

describe('formatSize', () => {
  it('prints bytes, then binary units', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(300 * 1024 * 1024)).toBe('300 MiB');
  });
});
