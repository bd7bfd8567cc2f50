import { describe, expect, it } from 'vitest';
import { fingerprintGroups, formatFingerprint } from './fingerprint';

describe('fingerprint groups', () => {
  it.each([
    ['lower-case hex', 'a1b2c3d4e5f60718', ['A1B2', 'C3D4', 'E5F6', '0718']],
    ['openssl colons', 'A1:B2:C3:D4:E5', ['A1B2', 'C3D4', 'E5']],
    ['spaces already', 'a1b2 c3d4', ['A1B2', 'C3D4']],
    ['nothing', '', []],
  ])('%s', (_, input, expected) => {
    expect(fingerprintGroups(input)).toEqual(expected);
  });

  it('lays a SHA-256 fingerprint out as 16 groups on one line', () => {
    const hex = 'f'.repeat(60) + '0a1b';

    expect(formatFingerprint(hex)).toBe(`${'FFFF '.repeat(15)}0A1B`);
  });
});
