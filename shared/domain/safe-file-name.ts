/**
 * Turns an evidence item's original file name (text a person or another
 * program chose) into a name that is safe to suggest when saving a copy on
 * any desktop system: it cannot leave the chosen folder, cannot name a
 * Windows device, cannot hide its real extension behind right-to-left
 * tricks and fits the usual 255-byte limit. The result is always non-empty,
 * in NFC form, and unchanged when passed through again.
 */

/** Longest name most file systems accept, in UTF-8 bytes. */
export const MAX_FILE_NAME_BYTES = 255;

/** Used when nothing of the original name survives. */
export const FALLBACK_FILE_NAME = 'evidence';

/** Longest extension kept apart when a long name is shortened. */
const MAX_EXTENSION_BYTES = 32;

/**
 * Characters that reorder or hide text: bidirectional embeddings, overrides
 * and isolates, direction marks, zero-width space and the byte-order mark.
 * They have no visible form of their own, so they are dropped.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** C0 and C1 controls, DEL and the Unicode line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Path separators of every system, the characters Windows forbids in names,
 * and the full-width slashes that some Windows code-page conversions turn
 * back into real separators.
 */
const FORBIDDEN = /[/\\<>:"|?*\uFF0F\uFF3C\u2215\u29F8\u29F9]/g;

/** Names Windows resolves to devices, whatever extension follows. */
const RESERVED =
  /^(?:CON|PRN|AUX|NUL|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3]|CONIN\$|CONOUT\$)$/i;

const utf8 = new TextEncoder();

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** `fallback` is returned as given when nothing of the name survives; keep it safe. */
export function safeFileName(original: string, fallback: string = FALLBACK_FILE_NAME): string {
  let name = original
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '_')
    .replace(FORBIDDEN, '_');

  name = trimEnds(name);
  // Only dots ("", ".", "..", "...") would mean this folder or its parent.
  if (/^\.*$/.test(name)) return fallback;

  const stem = name.split('.')[0]?.trimEnd() ?? '';
  if (RESERVED.test(stem)) name = `_${name}`;

  return fitBytes(name);
}

/**
 * Leading spaces are hard to see and trailing dots or spaces are silently
 * dropped by Windows (so "report.pdf." would become a different name).
 */
function trimEnds(name: string): string {
  return name.replace(/^\s+/u, '').replace(/[\s.]+$/u, '');
}

/**
 * Shortens a name to MAX_FILE_NAME_BYTES, keeping a short extension and
 * cutting only between whole characters as a reader sees them (grapheme
 * clusters), so no character and no accent or emoji sequence is split.
 */
function fitBytes(name: string): string {
  if (byteLength(name) <= MAX_FILE_NAME_BYTES) return name;

  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keepExtension = extension !== '' && byteLength(extension) <= MAX_EXTENSION_BYTES;
  const stem = keepExtension ? name.slice(0, dot) : name;
  const budget = MAX_FILE_NAME_BYTES - (keepExtension ? byteLength(extension) : 0);

  let kept = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(
    stem,
  )) {
    const size = byteLength(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }

  kept = trimEnds(kept);
  if (kept === '') kept = FALLBACK_FILE_NAME;

  return keepExtension ? kept + extension : kept;
}
