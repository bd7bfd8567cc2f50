import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { jsonPath } from '../../../shared/questionnaire/check';
import type { CatalogueEntry, DefinitionProblem } from '../../../shared/questionnaire/types';
import { silentLogger } from '../../core/log/logger';
import { Catalogue, loadCatalogue } from '../../core/questionnaires/catalogue';
import {
  BUNDLED_QUESTIONNAIRES_DIR,
  manifestSchema,
  readDefinitionFile,
  readManifest,
  sha256Hex,
  type DefinitionFile,
} from '../../core/questionnaires/definition-files';
import { UsageError, type CliCommand } from '../command';

const HELP = `Usage: pci-saq validate FILE...

Checks the files of a questionnaires folder the way the app reads them, and
says what each one is:
- a definition (an SAQ or a requirement library) is checked as the app checks
  it when loading: fields and types, unknown or duplicate requirement IDs, row
  order, and references such as a per-bullet row naming a bullet its
  requirement does not have. An SAQ is checked against a library given on the
  same command line, or else against the bundled one;
- the manifest (manifest.json) is checked against its own rules: its format,
  and that each definition it lists exists beside it with that SHA-256 (a file
  that differs loads as unofficial);
- a JSON Schema (questionnaire.schema.json) describes definitions for editors;
  it is not a definition itself, so it is skipped with a note.

Output: one line per file on stdout for each valid file (and each skipped
one), whatever the others hold; one line per problem on stderr, as
FILE:JSON-PATH: MESSAGE.

Exit status: 0 when every file is valid or skipped, 1 when any has a problem,
2 on a usage error.
`;

type FileKind = 'definition' | 'manifest' | 'json-schema';

/** Parsed JSON, or undefined for bytes that are not JSON (the definition check says why). */
function jsonOf(bytes: Uint8Array): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * What a file is, from its content: a definition names its `kind`; the
 * manifest has `definitions` and `format` and no kind; a JSON Schema names
 * its dialect in `$schema` and has no kind. Anything else is taken for a
 * definition, so that its problems are reported as such.
 */
function kindOf(file: DefinitionFile): FileKind {
  const value = file.bytes === null ? undefined : jsonOf(file.bytes);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'definition';
  if ('kind' in value) return 'definition';
  if ('definitions' in value && 'format' in value) return 'manifest';
  const dialect = '$schema' in value ? value.$schema : undefined;
  if (typeof dialect === 'string' && /json-schema\.org/.test(dialect)) return 'json-schema';
  return 'definition';
}

/** The manifest's own rules: its shape, then each listed file beside it with that SHA-256. */
async function checkManifest(
  file: DefinitionFile,
  path: string,
): Promise<{ problems: DefinitionProblem[]; listed: number }> {
  const parsed = manifestSchema.safeParse(jsonOf(file.bytes ?? new Uint8Array()));
  if (!parsed.success) {
    return {
      listed: 0,
      problems: parsed.error.issues.map((issue) => ({
        file: file.file,
        path: jsonPath(issue.path.filter((segment) => typeof segment !== 'symbol')),
        message: issue.message,
      })),
    };
  }

  const folder = dirname(path);
  const problems: DefinitionProblem[] = [];
  for (const [listed, expected] of Object.entries(parsed.data.definitions)) {
    const at = jsonPath(['definitions', listed]);
    const target = resolve(folder, listed);
    if (listed.startsWith('/') || listed.split('/').includes('..')) {
      problems.push({ file: file.file, path: at, message: 'must name a file inside this folder' });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      problems.push({ file: file.file, path: at, message: `cannot read the file (${code})` });
      continue;
    }
    if (sha256Hex(bytes) !== expected) {
      problems.push({
        file: file.file,
        path: at,
        message: 'the file’s SHA-256 differs from the one listed, so it loads as unofficial',
      });
    }
  }
  return { problems, listed: Object.keys(parsed.data.definitions).length };
}

function describeEntry(entry: CatalogueEntry, shipped: ReadonlySet<string>): string {
  const kind = entry.kind === 'saq' ? `SAQ ${entry.saqType ?? ''}`.trim() : 'requirement library';
  const copy = shipped.has(entry.sha256) ? ', identical to the bundled definition' : '';
  return `${entry.file}: valid ${kind} "${entry.id ?? ''}"${copy}`;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check questionnaire definition files (and the folder’s manifest)',
  help: HELP,

  async run(args, io) {
    const unknownOption = args.find((arg) => arg.startsWith('-'));
    if (unknownOption !== undefined) throw new UsageError(`unknown option "${unknownOption}"`);
    if (args.length === 0) throw new UsageError('give at least one FILE to check');

    const [files, bundled, manifest] = await Promise.all([
      Promise.all(args.map((arg) => readDefinitionFile(resolve(arg), arg, 'user'))),
      loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger }),
      readManifest(BUNDLED_QUESTIONNAIRES_DIR),
    ]);
    const kinds = files.map(kindOf);
    const catalogue = new Catalogue(
      files.filter((_, index) => kinds[index] === 'definition'),
      null,
      { fallbackLibraries: [bundled] },
    );
    const shipped = new Set(Object.values(manifest?.definitions ?? {}));

    // One verdict per argument, in the order given.
    const out: string[] = [];
    const problems: DefinitionProblem[] = [];
    let definitionIndex = 0;
    for (const [index, file] of files.entries()) {
      const kind = kinds[index];
      if (kind === 'json-schema') {
        out.push(`${file.file}: skipped, a JSON Schema for editors (not a definition)`);
      } else if (kind === 'manifest') {
        const checked = await checkManifest(file, resolve(file.file));
        if (checked.problems.length === 0) {
          out.push(
            `${file.file}: valid manifest, ${String(checked.listed)} definitions listed, each matching its file`,
          );
        }
        problems.push(...checked.problems);
      } else {
        const entry = catalogue.entries[definitionIndex];
        definitionIndex += 1;
        if (entry === undefined) continue;
        if (entry.usable) out.push(describeEntry(entry, shipped));
        problems.push(...entry.problems);
      }
    }

    if (out.length > 0) io.out(out.map((line) => `${line}\n`).join(''));
    if (problems.length > 0) {
      io.err(
        problems.map((problem) => `${problem.file}:${problem.path}: ${problem.message}\n`).join(''),
      );
      return 1;
    }
    return 0;
  },
};
