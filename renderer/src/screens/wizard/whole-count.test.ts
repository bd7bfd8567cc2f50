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
    [12.5, { ok: false, message: 'Enter a whole number.' }],
    [-3, { ok: false, message: 'Enter a whole number of 0 or more.' }],
  ])('%j reads as %j', (value, expected) => {
    expect(readWholeCount(value)).toEqual(expected);
  });
});
