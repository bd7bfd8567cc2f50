import { OperationError } from '../../../shared/api/result';
import { SAQ_TYPES, type SaqType } from '../../../shared/domain/responses';
import { checkDefinitionShape, checkLibrary, checkSaq } from '../../../shared/questionnaire/check';
import { resolveQuestionnaire } from '../../../shared/questionnaire/resolve';
import { DEFINITION_ID_PATTERN } from '../../../shared/questionnaire/schema';
import type {
  CatalogueEntry,
  DefinitionProblem,
  DefinitionProvenance,
  QuestionnaireDefinition,
  RequirementLibrary,
  ResolvedQuestionnaire,
  SaqDefinition,
} from '../../../shared/questionnaire/types';
import type { Logger } from '../log/logger';
import {
  readDefinitionFolder,
  readManifest,
  sha256Hex,
  type DefinitionFile,
  type Manifest,
} from './definition-files';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes to a schema-checked definition. Never throws, whatever the bytes. */
export function parseDefinition(
  file: string,
  bytes: Uint8Array,
): { definition: QuestionnaireDefinition | null; raw: unknown; problems: DefinitionProblem[] } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      definition: null,
      raw: null,
      problems: [{ file, path: '$', message: 'not UTF-8 text' }],
    };
  }

  let raw: unknown;
  try {
    // A byte-order mark is harmless in a hand-edited file; JSON.parse rejects it.
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'syntax error';
    return {
      definition: null,
      raw: null,
      problems: [{ file, path: '$', message: `not valid JSON: ${reason}` }],
    };
  }

  const checked = checkDefinitionShape(file, raw);
  return { definition: checked.definition, raw, problems: [...checked.problems] };
}

/** What a broken file still says about itself, for the catalogue list. */
function describeRaw(
  raw: unknown,
): Pick<CatalogueEntry, 'id' | 'kind' | 'saqType' | 'title' | 'version' | 'revision'> {
  const object = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
  const field = (key: string): unknown =>
    Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
  const short = (value: unknown, max: number) =>
    typeof value === 'string' && value.length <= max ? value : null;
  const id = short(field('id'), 64);
  const kind = field('kind');
  const saqType = field('saqType');
  const revision = field('revision');

  return {
    id: id !== null && DEFINITION_ID_PATTERN.test(id) ? id : null,
    kind: kind === 'saq' || kind === 'requirement-library' ? kind : null,
    saqType: (SAQ_TYPES as readonly unknown[]).includes(saqType) ? (saqType as SaqType) : null,
    title: short(field('title'), 200),
    version: short(field('version'), 20),
    revision: Number.isInteger(revision) ? (revision as number) : null,
  };
}

interface CheckedFile {
  readonly file: DefinitionFile;
  readonly sha256: string;
  readonly bundled: boolean;
  readonly raw: unknown;
  definition: QuestionnaireDefinition | null;
  readonly problems: DefinitionProblem[];
  /** For an SAQ: the library it was checked against. */
  library: CheckedFile | null;
}

function isLibrary(
  checked: CheckedFile,
): checked is CheckedFile & { definition: RequirementLibrary } {
  return checked.definition?.kind === 'requirement-library';
}

function isSaq(checked: CheckedFile): checked is CheckedFile & { definition: SaqDefinition } {
  return checked.definition?.kind === 'saq';
}

function checkFile(file: DefinitionFile, manifest: Manifest | null): CheckedFile {
  if (file.bytes === null) {
    return {
      file,
      sha256: '',
      bundled: false,
      raw: null,
      definition: null,
      problems: [{ file: file.file, path: '$', message: file.readError ?? 'cannot read the file' }],
      library: null,
    };
  }

  const sha256 = sha256Hex(file.bytes);
  const recorded =
    manifest !== null && Object.hasOwn(manifest.definitions, file.file)
      ? manifest.definitions[file.file]
      : undefined;
  const parsed = parseDefinition(file.file, file.bytes);

  return {
    file,
    sha256,
    bundled: file.source === 'bundled' && recorded === sha256,
    raw: parsed.raw,
    definition: parsed.definition,
    problems: parsed.problems,
    library: null,
  };
}

function provenanceOf(checked: CheckedFile): DefinitionProvenance {
  return {
    file: checked.file.file,
    source: checked.file.source,
    sha256: checked.sha256,
    bundled: checked.bundled,
  };
}

export interface CatalogueOptions {
  /** Libraries to check SAQs against when the files themselves hold none with that id (CLI). */
  readonly fallbackLibraries?: readonly Catalogue[];
}

/**
 * The definitions the app knows, each with its provenance and either usable
 * or listed with its problems. Bundled files come first, so a user file
 * cannot take over the id of a shipped definition.
 */
export class Catalogue {
  readonly entries: readonly CatalogueEntry[];
  readonly #usable = new Map<string, CheckedFile>();

  constructor(
    files: readonly DefinitionFile[],
    manifest: Manifest | null,
    options: CatalogueOptions = {},
  ) {
    const checked = files.map((file) => checkFile(file, manifest));
    const firstWithId = new Map<string, CheckedFile>();

    for (const item of checked) {
      const id = item.definition?.id;
      if (id === undefined) continue;
      const first = firstWithId.get(id);
      if (first === undefined) {
        firstWithId.set(id, item);
        continue;
      }
      item.problems.push({
        file: item.file.file,
        path: '$.id',
        message: `id "${id}" is already used by ${first.file.source} file ${first.file.file}`,
      });
      item.definition = null;
    }

    const libraries = new Map<string, CheckedFile & { definition: RequirementLibrary }>();
    for (const item of checked.filter(isLibrary)) {
      item.problems.push(...checkLibrary(item.file.file, item.definition));
      if (item.problems.length === 0) libraries.set(item.definition.id, item);
    }

    for (const item of checked.filter(isSaq)) {
      const library =
        libraries.get(item.definition.library) ??
        options.fallbackLibraries
          ?.map((catalogue) => catalogue.#usable.get(item.definition.library))
          .find((candidate) => candidate !== undefined && isLibrary(candidate));
      if (library === undefined || !isLibrary(library)) {
        item.problems.push({
          file: item.file.file,
          path: '$.library',
          message: `no usable requirement library "${item.definition.library}"`,
        });
        continue;
      }
      item.library = library;
      item.problems.push(...checkSaq(item.file.file, item.definition, library.definition));
    }

    for (const item of checked) {
      if (item.definition !== null && item.problems.length === 0) {
        this.#usable.set(item.definition.id, item);
      }
    }

    this.entries = checked.map((item) => {
      const described =
        item.definition === null ? describeRaw(item.raw) : describeRaw(item.definition);
      const usable = item.definition !== null && item.problems.length === 0;
      const libraryBundled = item.library === null ? true : item.library.bundled;

      return {
        file: item.file.file,
        source: item.file.source,
        ...described,
        sha256: item.sha256,
        bundled: item.bundled,
        official: usable && item.bundled && libraryBundled,
        usable,
        problems: item.problems,
      };
    });
  }

  /** Everything wrong across the catalogue, one problem per entry line. */
  get problems(): DefinitionProblem[] {
    return this.entries.flatMap((entry) => entry.problems);
  }

  /** An SAQ with its library text, for the questionnaire screen. */
  resolve(id: string): ResolvedQuestionnaire {
    const item = this.#usable.get(id);
    if (item === undefined) {
      const listed = this.entries.find((entry) => entry.id === id);
      if (listed === undefined) throw new OperationError('NOT_FOUND', `No questionnaire "${id}".`);
      throw new OperationError(
        'DEFINITION_INVALID',
        `Questionnaire "${id}" has ${listed.problems.length} problem(s) and cannot be used.`,
        listed.problems[0]?.path,
      );
    }
    if (!isSaq(item) || item.library === null || !isLibrary(item.library)) {
      throw new OperationError(
        'NOT_FOUND',
        `"${id}" is a requirement library, not a questionnaire.`,
      );
    }

    return resolveQuestionnaire({
      saq: item.definition,
      saqProvenance: provenanceOf(item),
      library: item.library.definition,
      libraryProvenance: provenanceOf(item.library),
    });
  }
}

export interface LoadCatalogueOptions {
  readonly bundledDir: string;
  /** A folder of the user's own definitions; optional and may not exist. */
  readonly userDir?: string;
  readonly log: Logger;
}

/** Reads and validates every definition. A bad file becomes an unusable entry, never a throw. */
export async function loadCatalogue(options: LoadCatalogueOptions): Promise<Catalogue> {
  const started = performance.now();
  const [manifest, bundled, user] = await Promise.all([
    readManifest(options.bundledDir),
    readDefinitionFolder(options.bundledDir, 'bundled'),
    options.userDir === undefined
      ? Promise.resolve([])
      : readDefinitionFolder(options.userDir, 'user').catch((error: unknown) => {
          options.log.warn('user questionnaire folder unreadable', {
            code: (error as NodeJS.ErrnoException).code ?? 'unknown',
          });
          return [];
        }),
  ]);
  if (manifest === null) options.log.warn('questionnaire manifest missing or damaged');

  const catalogue = new Catalogue([...bundled, ...user], manifest);
  options.log.info('questionnaires loaded', {
    definitions: catalogue.entries.length,
    unusable: catalogue.entries.filter((entry) => !entry.usable).length,
    unofficial: catalogue.entries.filter((entry) => entry.usable && !entry.official).length,
    ms: Math.round(performance.now() - started),
  });
  return catalogue;
}
