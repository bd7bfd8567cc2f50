import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { DefinitionSource } from '../../../shared/questionnaire/types';

export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_FILE = 'questionnaire.schema.json';

/**
 * The definitions shipped with the app. Run from source (tsx, vitest) this
 * module sits three folders below the project root; bundled by electron-vite
 * it runs from out/main, two below. The folder holding the manifest wins.
 */
export const BUNDLED_QUESTIONNAIRES_DIR = ((): string => {
  const candidates = ['../../../questionnaires', '../../questionnaires'].map((relative) =>
    resolve(import.meta.dirname, relative),
  );
  return (
    candidates.find((dir) => existsSync(join(dir, MANIFEST_FILE))) ?? (candidates[0] as string)
  );
})();

/** A definition larger than this is refused unread; SAQ D with its library is ~200 KB. */
export const MAX_DEFINITION_BYTES = 4 * 1024 * 1024;

/** Definitions sit in the folder itself or one level down (library/). */
const MAX_DEPTH = 1;

/** One definition file as read from disk, before validation. */
export interface DefinitionFile {
  /** Path inside its folder with `/` separators; shown to users, never absolute. */
  readonly file: string;
  readonly source: DefinitionSource;
  /** Null when the file was too large or unreadable. */
  readonly bytes: Uint8Array | null;
  readonly readError: string | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isDefinitionName(name: string): boolean {
  return name.endsWith('.json') && name !== MANIFEST_FILE && !name.endsWith('.schema.json');
}

async function listDefinitionPaths(dir: string, prefix: string, depth: number): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const found: string[] = [];

  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && depth < MAX_DEPTH) {
      found.push(...(await listDefinitionPaths(dir, relative, depth + 1)));
    } else if (entry.isFile() && isDefinitionName(entry.name)) {
      found.push(relative);
    }
  }
  return found;
}

/** Reads one file, refusing oversized ones before loading them whole. */
export async function readDefinitionFile(
  path: string,
  file: string,
  source: DefinitionSource,
): Promise<DefinitionFile> {
  try {
    if ((await stat(path)).size > MAX_DEFINITION_BYTES) {
      return {
        file,
        source,
        bytes: null,
        readError: `file is larger than ${MAX_DEFINITION_BYTES / 1024 / 1024} MB`,
      };
    }
    return { file, source, bytes: await readFile(path), readError: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { file, source, bytes: null, readError: `cannot read the file (${code})` };
  }
}

/**
 * Every definition file in a folder. A folder that does not exist holds no
 * definitions (the user folder is optional); any other failure is thrown.
 */
export async function readDefinitionFolder(
  dir: string,
  source: DefinitionSource,
): Promise<DefinitionFile[]> {
  let paths: string[];
  try {
    paths = await listDefinitionPaths(dir, '', 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  return Promise.all(paths.map((file) => readDefinitionFile(join(dir, file), file, source)));
}

export const manifestSchema = z.strictObject({
  format: z.literal(1),
  note: z.string().optional(),
  definitions: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * The SHA-256 of each shipped definition, as committed. A bundled file whose
 * bytes differ has been edited and loses its official status.
 */
export function buildManifest(files: readonly DefinitionFile[]): Manifest {
  const definitions: Record<string, string> = {};
  for (const file of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    if (file.bytes !== null) definitions[file.file] = sha256Hex(file.bytes);
  }

  return {
    format: 1,
    note: 'SHA-256 of each bundled definition. Regenerate with scripts/generate-questionnaire-schema.ts; a file that no longer matches is shown as unofficial.',
    definitions,
  };
}

export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The committed manifest, or null when it is missing or damaged (then nothing is official). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    const parsed = manifestSchema.safeParse(
      JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
