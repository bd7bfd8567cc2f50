import { describe, expect, it } from 'vitest';
import { COUNT_TOO_LARGE, readWholeCount } from './whole-count';

describe('readWholeCount', () => {
  it.each([
    ['', { ok: true, count: 0 }],
    [0, { ok: true, count: 0 }],
    [1_000_000, { ok: true, count: 1_000_000 }],
    [Number.MAX_SAFE_INTEGER, { ok: true, count: Number.MAX_SAFE_INTEGER }],
    [Number.MAX_SAFE_INTEGER + 1, { ok: false, message: COUNT_TOO_LARGE }],
    ['90071992547409930', { ok: false, message: COUNT_TOO_LARGE }],
    ['1200', { ok: true, count: 1200 }],
    [12.5, { ok: false, message: 'Enter a whole number, without a decimal part.' }],
    ['1.', { ok: false, message: 'Enter a whole number, without a decimal part.' }],
    ['1.5', { ok: false, message: 'Enter a whole number, without a decimal part.' }],
    [-3, { ok: false, message: 'Enter a whole number of 0 or more (a count cannot be negative).' }],
    [
      '-',
      { ok: false, message: 'Enter a whole number of 0 or more (a count cannot be negative).' },
    ],
    [
      '-5',
      { ok: false, message: 'Enter a whole number of 0 or more (a count cannot be negative).' },
    ],
    ['5e3', { ok: false, message: 'Enter a whole number, digits only.' }],
  ])('%j reads as %j', (value, expected) => {
    expect(readWholeCount(value)).toEqual(expected);
  });
});
