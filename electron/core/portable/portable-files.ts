import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { Door } from '../../../shared/api/ops/app';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseLength,
} from '../../../shared/domain/passphrase-strength';
import { OperationError } from '../../../shared/api/result';
import {
  EVIDENCE_ENTRY_PATTERN,
  PORTABLE_LIMITS,
  evidenceEntryName,
  type PortableAssessment,
} from '../../../shared/portable/assessment-format';
import type { ResolvedQuestionnaire } from '../../../shared/questionnaire/types';
import { loadState } from '../assessments/assessment-state';
import { sessionEvidenceDatabase } from '../evidence/evidence-database';
import { createEvidenceService } from '../evidence/evidence-service';
import { writeFileAtomic, writeFileAtomicWith } from '../files/atomic-write';
import type { Logger } from '../log/logger';
import type { ScryptParams } from '../vault/key-file';
import type { VaultService } from '../vault/vault-service';
import { BundleReader, BundleWriter, DOCUMENT_ENTRY, bundleDamaged, isBundle } from './bundle';
import { portableDocumentOf } from './export-document';
import {
  meaningProblems,
  writeImportedAssessment,
  type ImportedAssessment,
} from './import-records';
import { parsePortableDocument } from './parse-document';
import { locateProblems } from './plain-location';
import { ImportRefused, jsonPath, type ImportProblem } from './problems';
import { dropUnusedContent, stagePendingContent, type StagedContent } from './stage-evidence';

/**
 * Portable export and import of one assessment, as files: plain JSON, or
 * the encrypted bundle with the evidence files (see bundle.ts). Works on
 * the unlocked vault; the questionnaires come from the caller's catalogue.
 */

export interface PortableContext {
  readonly vault: VaultService;
  readonly resolve: (questionnaireId: string) => ResolvedQuestionnaire;
  readonly door: Door;
  readonly log: Logger;
  readonly now?: () => Date;
}

export type PortableFormat = 'json' | 'bundle';

export interface PortableExportRequest {
  readonly assessmentId: string;
  readonly target: string;
  /** The encrypted bundle unless plain JSON is asked for. */
  readonly format?: PortableFormat;
  /** Needed for a bundle. */
  readonly passphrase?: string;
  /** The bundle's key derivation; the default is the vault's. */
  readonly scrypt?: ScryptParams;
}

export interface PortableExport {
  readonly bytes: number;
  readonly answers: number;
  readonly evidence: number;
}

function evidenceStore(context: PortableContext) {
  return createEvidenceService(context.vault, { door: context.door, log: context.log }).store();
}

/** Writes the assessment as JSON (evidence metadata only) or as a bundle with the files. */
export async function exportPortable(
  context: PortableContext,
  request: PortableExportRequest,
): Promise<PortableExport> {
  const started = performance.now();
  const now = context.now?.() ?? new Date();
  const session = context.vault.session();
  const state = session.read((database) =>
    loadState(database, request.assessmentId, context.resolve),
  );
  const store = evidenceStore(context);
  // Oldest first (the list is newest first), so that an import keeps the order.
  const items = store.list({ assessmentId: request.assessmentId }).reverse();
  const document = portableDocumentOf(state, items, now);
  const json = Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');

  const format = request.format ?? 'bundle';
  let bytes: number;
  if (format === 'json') {
    await writeFileAtomic(request.target, json);
    bytes = json.length;
  } else {
    if (request.passphrase === undefined) {
      throw new OperationError('INVALID_INPUT', 'A bundle needs a passphrase.', 'passphrase');
    }
    const passphrase = request.passphrase;
    if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) {
      throw new OperationError(
        'WEAK_PASSPHRASE',
        `A bundle passphrase needs at least ${String(MIN_PASSPHRASE_LENGTH)} characters.`,
        'passphrase',
      );
    }
    bytes = await writeFileAtomicWith(request.target, async (handle) => {
      const writer = await BundleWriter.start(handle, passphrase, {
        ...(request.scrypt === undefined ? {} : { scrypt: request.scrypt }),
      });
      await writer.addFile(DOCUMENT_ENTRY, json.length, [json]);
      // One copy of each content: items with the same bytes share it.
      const written = new Set<string>();
      for (const item of items) {
        if (written.has(item.sha256)) continue;
        written.add(item.sha256);
        await writer.addFile(
          evidenceEntryName(item.sha256),
          item.sizeBytes,
          store.readContent(item.id),
        );
      }
      await writer.end();
    });
  }

  context.log.info('assessment exported', {
    assessment: request.assessmentId,
    format,
    bytes,
    evidence: items.length,
    ms: Math.round(performance.now() - started),
  });
  return { bytes, answers: document.assessment.answers.length, evidence: items.length };
}

export interface PortableImportRequest {
  /**
   * A path, or the bytes of a plain JSON document held in memory (an upload
   * in browser mode: plaintext is never written to disk). A bundle always
   * comes as a path.
   */
  readonly file: string | Buffer;
  /** Asked only when the file is a bundle. */
  readonly bundlePassphrase: () => Promise<string>;
}

export interface PortableImport extends ImportedAssessment {
  readonly format: PortableFormat;
}

/** Why a bundle entry's name is refused, or undefined when it is a plain evidence name. */
function entryNameProblem(name: string): string | undefined {
  if (name.split(/[\\/]/).includes('..')) return 'a path that climbs out ("..") is refused';
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name) || name.startsWith('\\')) {
    return 'an absolute path is refused';
  }
  if (!EVIDENCE_ENTRY_PATTERN.test(name)) return 'not an evidence entry ("evidence/<sha256>")';
  return undefined;
}

/**
 * Imports a JSON document or a bundle as a new assessment. Nothing is
 * written until the document passed every check; evidence files are then
 * staged as pending content, checked against their SHA-256 and size, and
 * the records go in one transaction. Any refusal or failure drops what was
 * staged, so the vault holds the whole assessment or nothing of it.
 */
export async function importPortable(
  context: PortableContext,
  request: PortableImportRequest,
): Promise<PortableImport> {
  const started = performance.now();
  const inMemory = typeof request.file === 'string' ? undefined : request.file;
  const handle = typeof request.file === 'string' ? await openForReading(request.file) : undefined;
  const evidenceDatabase = sessionEvidenceDatabase(context.vault.session());
  const staged = new Map<string, StagedContent>();
  const stagedIds: number[] = [];
  let committed = false;

  try {
    let head: Buffer = Buffer.alloc(8);
    if (handle === undefined) head = (inMemory ?? head).subarray(0, 8);
    else head = head.subarray(0, (await handle.read(head, 0, 8, 0)).bytesRead);
    const bundle = isBundle(head);
    let document: PortableAssessment;
    let reader: BundleReader | undefined;

    if (bundle) {
      if (handle === undefined) {
        throw new OperationError('INVALID_INPUT', 'A bundle is imported from a file.');
      }
      reader = await BundleReader.open(handle, await request.bundlePassphrase());
      const first = await reader.nextEntry();
      if (first.kind !== 'file' || first.name !== DOCUMENT_ENTRY) {
        throw bundleDamaged(`the first entry is not ${DOCUMENT_ENTRY}`);
      }
      if (first.size > PORTABLE_LIMITS.maxDocumentBytes) {
        throw new ImportRefused('TOO_LARGE', [
          { path: '$', message: 'The document in the bundle is too large.' },
        ]);
      }
      document = parsePortableDocument(await reader.readBytes(first.size));
    } else {
      const size = handle === undefined ? (inMemory?.length ?? 0) : (await handle.stat()).size;
      if (size > PORTABLE_LIMITS.maxDocumentBytes) {
        throw new ImportRefused('TOO_LARGE', [
          {
            path: '$',
            message: `The document is larger than ${String(PORTABLE_LIMITS.maxDocumentBytes)} bytes.`,
          },
        ]);
      }
      document = parsePortableDocument(
        handle === undefined ? (inMemory ?? Buffer.alloc(0)) : await handle.readFile(),
      );
    }

    const { problems, questionnaire } = meaningProblems(document, context.resolve);
    if (!bundle) {
      document.evidence.forEach((_item, index) => {
        problems.push({
          path: jsonPath(['evidence', index, 'file']),
          message: 'A plain JSON document carries no evidence files; import the bundle instead.',
        });
      });
    }
    if (problems.length > 0 || questionnaire === undefined) {
      throw new ImportRefused('INVALID_INPUT', locateProblems(problems, document));
    }

    if (reader !== undefined) {
      // The once-per-unlock clean-up of unfinished content must be over
      // before this import's pending contents exist, or it would take them.
      const store = evidenceStore(context);
      await store.removeUnfinished();
      const tooLarge = document.evidence.flatMap((item, index) =>
        item.sizeBytes > store.maxBytes
          ? [
              {
                path: jsonPath(['evidence', index, 'sizeBytes']),
                message: `Larger than the ${String(store.maxBytes)} bytes the vault accepts per file.`,
              },
            ]
          : [],
      );
      if (tooLarge.length > 0) {
        throw new ImportRefused('TOO_LARGE', locateProblems(tooLarge, document));
      }
      await stageBundleEvidence(reader, document, evidenceDatabase, staged, stagedIds);
    }

    const now = context.now?.() ?? new Date();
    const imported = context.vault
      .session()
      .write(context.door, (transaction) =>
        writeImportedAssessment(transaction, document, questionnaire, staged, now),
      );
    committed = true;
    for (const contentId of imported.duplicateContents) {
      await dropQuietly(context, evidenceDatabase, contentId);
    }

    context.log.info('assessment imported', {
      assessment: imported.assessmentId,
      format: bundle ? 'bundle' : 'json',
      answers: imported.answers,
      evidence: imported.evidence,
      ms: Math.round(performance.now() - started),
    });
    return { ...imported, format: bundle ? 'bundle' : 'json' };
  } finally {
    await handle?.close();
    if (!committed) {
      for (const contentId of stagedIds) await dropQuietly(context, evidenceDatabase, contentId);
    }
  }
}

async function openForReading(file: string): Promise<FileHandle> {
  // The file the person named (a link to it is followed: the person chose it).
  const details = await stat(file).catch(() => undefined);
  if (details === undefined) {
    throw new OperationError('NOT_FOUND', `${basename(file)} cannot be read.`);
  }
  if (!details.isFile()) {
    throw new OperationError('INVALID_INPUT', `${basename(file)} is not a file.`);
  }
  return open(file, 'r');
}

async function stageBundleEvidence(
  reader: BundleReader,
  document: PortableAssessment,
  database: ReturnType<typeof sessionEvidenceDatabase>,
  staged: Map<string, StagedContent>,
  stagedIds: number[],
): Promise<void> {
  const wanted = new Map<string, number>();
  document.evidence.forEach((item, index) => {
    if (!wanted.has(item.sha256)) wanted.set(item.sha256, index);
  });

  for (let position = 1; ; position += 1) {
    const entry = await reader.nextEntry();
    if (entry.kind === 'end') break;
    const where = `bundle entry ${String(position)}`;
    const problem = entryNameProblem(entry.name);
    if (problem !== undefined) {
      throw new ImportRefused('INVALID_INPUT', [{ path: '$', message: `${where}: ${problem}.` }]);
    }
    const hash = EVIDENCE_ENTRY_PATTERN.exec(entry.name)?.[1] ?? '';
    const index = wanted.get(hash);
    if (index === undefined || staged.has(hash)) {
      throw new ImportRefused('INVALID_INPUT', [
        { path: '$', message: `${where}: a file the document does not list, or listed twice.` },
      ]);
    }
    const item = document.evidence[index];
    if (item === undefined) throw new Error('Evidence index out of range.');
    const path = jsonPath(['evidence', index]);
    if (entry.size !== item.sizeBytes) {
      throw new ImportRefused('INVALID_INPUT', [
        { path: `${path}.sizeBytes`, message: 'The file in the bundle has another size.' },
      ]);
    }

    let content: StagedContent;
    try {
      content = await stagePendingContent(
        database,
        reader.stream(entry.size),
        { mediaType: item.mediaType, fileName: item.fileName, path: `${path} (file content)` },
        (contentId) => stagedIds.push(contentId),
      );
    } catch (error) {
      if (error instanceof OperationError && error.code === 'CARD_DATA_DETECTED') {
        throw new ImportRefused('CARD_DATA_DETECTED', [{ path, message: error.message }]);
      }
      throw error;
    }
    if (content.sha256 !== hash) {
      throw new ImportRefused('INVALID_INPUT', [
        { path: `${path}.sha256`, message: 'The file in the bundle has another SHA-256.' },
      ]);
    }
    staged.set(hash, content);
  }
  await reader.assertFinished();

  const missing: ImportProblem[] = [];
  document.evidence.forEach((item, index) => {
    if (!staged.has(item.sha256)) {
      missing.push({ path: jsonPath(['evidence', index, 'file']), message: 'Not in the bundle.' });
    }
  });
  if (missing.length > 0)
    throw new ImportRefused('INVALID_INPUT', locateProblems(missing, document));
}

async function dropQuietly(
  context: PortableContext,
  database: ReturnType<typeof sessionEvidenceDatabase>,
  contentId: number,
): Promise<void> {
  try {
    await dropUnusedContent(database, contentId);
  } catch {
    // The next unlock removes what is left unfinished.
    context.log.warn('staged evidence left for the next unlock', { content: contentId });
  }
}
