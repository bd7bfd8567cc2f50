import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from './logger';
import { redactFields, redactText } from './redact';

describe('redactText', () => {
  it.each([
    ['card number with spaces', 'paid with 4111 1111 1111 1111 today', '[redacted-digits]'],
    ['card number with dashes', 'pan=5555-5555-5555-4444', '[redacted-digits]'],
    ['15-digit run', 'amex 378282246310005', '[redacted-digits]'],
    ['raw SQLCipher key form', `key x'${'ab'.repeat(32)}'`, '[redacted-key]'],
    ['long hex key material', `wrapped ${'0f'.repeat(20)}`, '[redacted-hex]'],
    ['base64 key material', `dk=${'Qk'.repeat(30)}==`, '[redacted-b64]'],
    ['PEM block', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----', '[redacted-pem]'],
    ['posix home path', 'open /home/alice/Documents/vault.db', '~/Documents/vault.db'],
    ['mac home path', 'open /Users/bob/Library/x', '~/Library/x'],
    ['windows home path', 'open C:\\Users\\carol\\AppData\\x', '~\\AppData\\x'],
  ])('removes %s', (_name, input, expected) => {
    const out = redactText(input);
    expect(out).toContain(expected);
  });

  it('keeps ids, codes and short numbers readable', () => {
    expect(redactText('assessment 42 saved in 3.5 ms, code WRONG_PASSPHRASE, row 12.8.4')).toBe(
      'assessment 42 saved in 3.5 ms, code WRONG_PASSPHRASE, row 12.8.4',
    );
  });

  it('never leaves the digits of a card number', () => {
    expect(redactText('4111111111111111')).not.toMatch(/\d{6}/);
  });

  it('replaces the given home folder wherever it appears', () => {
    expect(redactText('at /srv/people/dana/x', '/srv/people/dana')).toBe('at ~/x');
  });
});

describe('redactFields', () => {
  it('drops the values of secret-named fields whatever they hold', () => {
    const out = redactFields({
      passphrase: 'hunter2hunter2',
      recoveryKey: 'abc',
      answerText: 'x',
      id: 7,
    });
    expect(out).toEqual({
      passphrase: '[redacted]',
      recoveryKey: '[redacted]',
      answerText: '[redacted]',
      id: 7,
    });
  });

  it('redacts inside nested values', () => {
    expect(
      redactFields({ nested: { path: '/home/eve/a' }, list: ['4111 1111 1111 1111'] }),
    ).toEqual({
      nested: { path: '~/a' },
      list: ['[redacted-digits]'],
    });
  });
});

describe('logger', () => {
  it('writes JSON lines per subsystem through the redactor', () => {
    const sink = memorySink();
    const log = createLogger({
      sinks: [sink],
      level: 'info',
      now: () => new Date('2026-01-02T03:04:05Z'),
    });
    log
      .child('vault')
      .info('unlocked 4111-1111-1111-1111', { ms: 12, passphrase: 'correct horse battery' });
    log.debug('below the level');

    expect(sink.lines).toHaveLength(1);
    const record = JSON.parse(sink.lines[0] ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 'info',
      subsystem: 'app.vault',
      ms: 12,
      passphrase: '[redacted]',
    });
    expect(sink.lines[0]).not.toContain('1111-1111');
    expect(sink.lines[0]).not.toContain('horse');
  });
});
