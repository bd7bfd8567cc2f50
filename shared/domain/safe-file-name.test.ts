import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, MAX_FILE_NAME_BYTES, safeFileName } from './safe-file-name';

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('safeFileName', () => {
  it.each([
    ['plain name', 'ASV scan Q1.pdf', 'ASV scan Q1.pdf'],
    ['parent folder', '..', FALLBACK_FILE_NAME],
    ['this folder', '.', FALLBACK_FILE_NAME],
    ['only dots', '.....', FALLBACK_FILE_NAME],
    ['empty', '', FALLBACK_FILE_NAME],
    ['blank', '   ', FALLBACK_FILE_NAME],
    ['posix traversal', '../../etc/passwd', '.._.._etc_passwd'],
    ['windows traversal', '..\\..\\Windows\\win.ini', '.._.._Windows_win.ini'],
    ['absolute posix path', '/home/someone/report.pdf', '_home_someone_report.pdf'],
    ['drive path', 'C:\\Users\\x\\scan.png', 'C__Users_x_scan.png'],
    ['UNC path', '\\\\server\\share\\a.txt', '__server_share_a.txt'],
    ['alternate data stream', 'report.pdf:hidden', 'report.pdf_hidden'],
    ['windows-forbidden characters', 'a<b>c"d|e?f*g.txt', 'a_b_c_d_e_f_g.txt'],
    ['full-width slash', 'a\uFF0Fb\uFF3Cc.txt', 'a_b_c.txt'],
    ['control characters', 'line\nbreak\ttab\u0000nul\u007f.txt', 'line_break_tab_nul_.txt'],
    ['C1 control', 'a\u0085b.txt', 'a_b.txt'],
    ['right-to-left override hides .exe', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['isolates and marks', '\u2067name\u2069\u200F.pdf', 'name.pdf'],
    ['zero-width and BOM', '\uFEFFre\u200Bport.csv', 'report.csv'],
    ['trailing dots and spaces', 'policy.pdf. . ', 'policy.pdf'],
    ['leading spaces', '   policy.pdf', 'policy.pdf'],
    ['reserved name', 'CON', '_CON'],
    ['reserved name with extension', 'con.txt', '_con.txt'],
    ['reserved name, space before dot', 'NUL .tar.gz', '_NUL .tar.gz'],
    ['reserved COM port', 'com1.log', '_com1.log'],
    ['reserved with superscript digit', 'LPT\u00B9.txt', '_LPT\u00B9.txt'],
    ['console input', 'CONIN$', '_CONIN$'],
    ['not reserved', 'CONSOLE.txt', 'CONSOLE.txt'],
    ['not reserved either', 'com10.txt', 'com10.txt'],
    ['hidden-style name kept', '.htaccess', '.htaccess'],
  ])('%s', (_case, input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('gives NFC and NFD twins the same name, in NFC', () => {
    const composed = 'Am\u00E9lie r\u00E9sum\u00E9.pdf';
    const decomposed = composed.normalize('NFD');

    expect(decomposed).not.toBe(composed);
    expect(safeFileName(decomposed)).toBe(composed);
    expect(safeFileName(composed)).toBe(composed);
  });

  it('uses the fallback given when nothing survives', () => {
    expect(safeFileName('..', 'scan-report')).toBe('scan-report');
  });

  it('keeps a name of exactly 255 bytes and shortens one of 256, keeping the extension', () => {
    const exact = `${'a'.repeat(251)}.pdf`;
    expect(safeFileName(exact)).toBe(exact);

    const over = `${'a'.repeat(252)}.pdf`;
    expect(safeFileName(over)).toBe(`${'a'.repeat(251)}.pdf`);
  });

  it.each([
    ['two-byte letters', '\u00E9'],
    ['three-byte letters', '\u65E5'],
    ['four-byte emoji', '\u{1F600}'],
    ['emoji sequence', '\u{1F469}\u200D\u{1F4BB}'],
    ['letter with accents', 'e\u0301\u0327'],
  ])('cuts %s at 255 bytes without splitting a character', (_case, unit) => {
    const name = `${unit.repeat(200)}.txt`;
    const safe = safeFileName(name);

    expect(bytes(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(bytes(safe)).toBeGreaterThan(MAX_FILE_NAME_BYTES - bytes(unit) - 1);
    expect(safe.endsWith('.txt')).toBe(true);
    const stem = safe.slice(0, -4);
    expect(stem).toBe(unit.normalize('NFC').repeat(stem.length / unit.normalize('NFC').length));
    expect(safe).not.toContain('\uFFFD');
  });

  it('drops an over-long extension with the rest rather than keep it whole', () => {
    const name = `x.${'y'.repeat(300)}`;
    expect(bytes(safeFileName(name))).toBe(MAX_FILE_NAME_BYTES);
  });

  it('is stable: a safe name passes through unchanged', () => {
    const samples = [
      '../a',
      'CON.txt',
      'x'.repeat(300),
      `${'\u{1F600}'.repeat(100)}. .`,
      'a\u202E\u0000b',
      ` ${'é'.repeat(130)} .pdf`,
    ];
    let seed = 7;
    const alphabet = [
      'a',
      '.',
      ' ',
      '/',
      '\\',
      'é',
      'e\u0301',
      '\u202E',
      ':',
      'C',
      'O',
      'N',
      '\u{1F600}',
    ];
    for (let round = 0; round < 300; round += 1) {
      let sample = '';
      for (let index = 0; index < 1 + (round % 90); index += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        sample += alphabet[seed % alphabet.length] ?? '';
      }
      samples.push(sample);
    }

    for (const sample of samples) {
      const safe = safeFileName(sample);
      expect(safeFileName(safe), JSON.stringify(sample)).toBe(safe);
      expect(safe).not.toMatch(/[/\\\p{Cc}\u202a-\u202e]/u);
      expect(safe).not.toMatch(/^\.{1,2}$/);
      expect(bytes(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(safe.length).toBeGreaterThan(0);
    }
  });
});
