import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Font } from '@react-pdf/renderer';
import { FONT_FILES } from './font-coverage';

/** Family names the report's styles use. */
export const FAMILY = { text: 'ReportSans', mono: 'ReportMono', fallback: 'ReportFallback' };

/**
 * Finds assets/fonts by walking up from this module, so the same code works
 * from source (electron/core/report) and from a bundle (out/main). A packaged
 * app passes its resources folder explicitly.
 */
export function defaultFontsDir(): string {
  let folder = import.meta.dirname;
  for (;;) {
    const candidate = join(folder, 'assets', 'fonts');
    if (existsSync(join(candidate, FONT_FILES.regular))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('assets/fonts not found above the report module');
    folder = parent;
  }
}

let registeredFrom: string | null = null;

/**
 * Registers the embedded fonts with react-pdf once per process (or worker).
 * Every font is a subset embedded in the PDF, so the report prints the same
 * on any machine.
 */
export function registerReportFonts(fontsDir: string = defaultFontsDir()): void {
  if (registeredFrom === fontsDir) return;

  Font.register({
    family: FAMILY.text,
    fonts: [
      { src: join(fontsDir, FONT_FILES.regular) },
      { src: join(fontsDir, FONT_FILES.bold), fontWeight: 'bold' },
    ],
  });
  Font.register({ family: FAMILY.mono, src: join(fontsDir, FONT_FILES.mono) });
  Font.register({
    family: FAMILY.fallback,
    fonts: [
      { src: join(fontsDir, FONT_FILES.fallback) },
      // The fallback has one weight; bold text in CJK prints in the regular weight.
      { src: join(fontsDir, FONT_FILES.fallback), fontWeight: 'bold' },
    ],
  });
  // Words must never be split with a hyphen: IDs, hashes and names would change.
  Font.registerHyphenationCallback((word) => [word]);
  registeredFrom = fontsDir;
}

let fontsInUse: Promise<unknown> = Promise.resolve();

/**
 * Runs one react-pdf render (layout and writing, up to the finished bytes)
 * on report font objects that no earlier document has touched, one render
 * at a time in this thread.
 *
 * fontkit keeps one glyph object per glyph id and per font, and stores in it
 * the characters it was first looked up for. When a document is finished,
 * the font subsetter looks up the parts of every composite glyph by id
 * alone, with no characters: Greek 'Ε' (and Cyrillic 'Е', 'А', 'О', accented
 * letters...) is drawn from the Latin letter's outline, so writing it leaves
 * Latin 'E' cached with no characters. react-pdf's text layout drops a glyph
 * with no characters, so every later document laid out with that font
 * object lost its 'E': "Example" printed as "xample", on the page and in
 * the text layer. Within one document the layout is over before the subset
 * is written, so fresh font objects for each document are enough; and
 * documents must not overlap, or one's subsetting would reach the other's
 * layout.
 *
 * react-pdf's own `Font.reset()` cannot be used for this: it drops each
 * loaded font but keeps the settled load promise, so the font is never
 * loaded again and the next layout fails on a missing font.
 */
export function withFreshReportFonts<T>(render: () => Promise<T>): Promise<T> {
  const run = fontsInUse.then(() => {
    forgetLoadedReportFonts();
    return render();
  });
  fontsInUse = run.catch(() => undefined);
  return run;
}

/** The next use of each report font opens its file again (a few ms; see docs/report.md). */
function forgetLoadedReportFonts(): void {
  const families = Font.getRegisteredFonts();
  for (const name of Object.values(FAMILY)) {
    for (const source of families[name]?.sources ?? []) {
      source.data = null;
      source.loadResultPromise = null;
    }
  }
}
