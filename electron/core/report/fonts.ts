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
