/**
 * Turns a name in any script into printable ASCII for a certificate subject.
 * node-forge writes subject values in a way that breaks the PKCS#12 (or the
 * signature check in poppler) as soon as a value holds a non-ASCII
 * character, so certificate subjects are always ASCII; the exact name lives
 * in the signature's name field and on the page instead.
 */

const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  ı: 'i',
  '\u2019': "'",
  '\u2018': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
};

const GREEK: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  і: 'i',
  ї: 'yi',
  ґ: 'g',
  ў: 'u',
};

function transliterateCharacter(character: string): string {
  const direct = LETTERS[character];
  if (direct !== undefined) return direct;

  // Accents and tonos marks go first: the tables hold base letters only.
  const base = character.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const lower = base.toLowerCase();
  const table =
    GREEK[lower] !== undefined ? GREEK : CYRILLIC[lower] !== undefined ? CYRILLIC : null;
  if (table !== null) {
    const latin = table[lower] ?? '';
    return base === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }

  const compatible = character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return /^[\x20-\x7e]*$/.test(compatible) ? compatible : '?';
}

/**
 * ASCII form of `text` for a certificate subject: accents dropped, Greek and
 * Cyrillic transliterated, any other character (e.g. CJK) replaced by "?".
 * Returns `fallback` when nothing readable is left.
 */
export function asciiSubjectValue(text: string, fallback: string): string {
  // Code points, not grapheme clusters: each is transliterated on its own.
  const prepared = text
    .normalize('NFC')
    .replace(/\s/g, ' ')
    // Greek "ου" reads as one vowel, "ou", not letter by letter.
    .replace(/ο[υύ]/g, 'ou')
    .replace(/Ο[υύΥ]/g, 'Ou');
  const ascii = Array.from(prepared)
    .map(transliterateCharacter)
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 64);

  return /[A-Za-z0-9]/.test(ascii) ? ascii : fallback;
}
