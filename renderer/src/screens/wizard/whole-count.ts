/**
 * Reads a count typed into a number field. Mantine hands over a string when
 * the number no longer fits a JavaScript number exactly (above 2^53 - 1),
 * and such a count must be refused at the field, never saved as 0 or rounded.
 */
export type WholeCount =
  { readonly ok: true; readonly count: number } | { readonly ok: false; readonly message: string };

export const COUNT_TOO_LARGE =
  'That number is too large for the app to keep exactly. Enter a whole number up to 9,007,199,254,740,991.';

const NOT_WHOLE = 'Enter a whole number, without a decimal part.';
const NEGATIVE = 'Enter a whole number of 0 or more (a count cannot be negative).';

export function readWholeCount(value: number | string): WholeCount {
  if (value === '') return { ok: true, count: 0 };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return { ok: true, count: value };
    if (value < 0) return { ok: false, message: NEGATIVE };
    if (Number.isFinite(value) && !Number.isInteger(value)) {
      return { ok: false, message: NOT_WHOLE };
    }
    return { ok: false, message: COUNT_TOO_LARGE };
  }
  // Text comes while a number is half typed ("-", "1.") or when it is too long to be exact.
  const typed = value.replaceAll(',', '').trim();
  if (typed.startsWith('-')) return { ok: false, message: NEGATIVE };
  if (/^\d*\.\d*$/.test(typed)) return { ok: false, message: NOT_WHOLE };
  if (/^\d+$/.test(typed)) {
    const count = Number(typed);
    return Number.isSafeInteger(count)
      ? { ok: true, count }
      : { ok: false, message: COUNT_TOO_LARGE };
  }
  return { ok: false, message: 'Enter a whole number, digits only.' };
}
