import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key';

function parseError(typed: string): string {
  try {
    parseRecoveryKey(typed);
    return 'parsed';
  } catch (error) {
    return error instanceof OperationError ? `${error.code} ${error.path ?? ''}` : String(error);
  }
}

describe('recovery key', () => {
  it('round-trips 160 random bits through nine groups of four', () => {
    for (let index = 0; index < 50; index += 1) {
      const key = generateRecoveryKey();
      const written = formatRecoveryKey(key);

      expect(written).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseRecoveryKey(written).equals(key)).toBe(true);
    }
  });

  it('reads it as people type it: lower case, spaces, O for 0 and I or L for 1', () => {
    const key = Buffer.alloc(20, 0);
    key[19] = 1;
    const written = formatRecoveryKey(key);
    expect(written.startsWith('0000-0000')).toBe(true);
    const sloppy = written.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');

    expect(parseRecoveryKey(sloppy).equals(key)).toBe(true);
  });

  it('reports a typo (wrong character or length) as INVALID_INPUT on recoveryKey', () => {
    const written = formatRecoveryKey(generateRecoveryKey());
    const swapped = written[0] === 'A' ? `B${written.slice(1)}` : `A${written.slice(1)}`;

    expect(parseError(swapped)).toBe('INVALID_INPUT recoveryKey');
    expect(parseError(written.slice(0, -5))).toBe('INVALID_INPUT recoveryKey');
    expect(parseError(`${written.slice(0, -1)}U`)).toBe('INVALID_INPUT recoveryKey');
  });
});
