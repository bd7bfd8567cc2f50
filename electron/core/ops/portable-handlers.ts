import { createReadStream, existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { portableOperations, PortableFormatChoice } from '../../../shared/api/ops/portable';
import { OperationError } from '../../../shared/api/result';
import { safeFileName } from '../../../shared/domain/safe-file-name';
import { calendarDateOf } from '../../../shared/domain/calendar-date';
import { getAssessmentRecord } from '../assessments/records';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { writeFileAtomicWith } from '../files/atomic-write';
import type { FileDialogs } from '../files/file-handles';
import type { TransientFiles } from '../files/transient-files';
import type { Logger } from '../log/logger';
import { isBundle } from '../portable/bundle';
import { exportPortable, importPortable } from '../portable/portable-files';
import { ImportRefused } from '../portable/problems';
import { loadCatalogue, type Catalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import type { ScryptParams } from '../vault/key-file';
import type { VaultService } from '../vault/vault-service';
import { resolveStaticFile } from '../web/static-files';

export interface PortableHandlerOptions {
  /** The bundle's key derivation; tests pass a cheap one. Default: the vault's. */
  readonly scrypt?: ScryptParams;
}

/** Portable copies wait in the exports folder only until browser mode downloads them. */
export const PORTABLE_EXTENSIONS = ['.bundle', '.json'] as const;

/** The name, or the name with " (2)", " (3)"... when the folder has it already. */
function unusedName(folder: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = name;
  for (let index = 2; existsSync(join(folder, candidate)); index += 1) {
    candidate = `${stem} (${String(index)})${extension}`;
  }
  return candidate;
}

/** What a chosen file is, from its first bytes: the bundle's magic, or else JSON. */
export function portableKindOf(head: Buffer): PortableFormatChoice {
  return isBundle(head.subarray(0, 8)) ? 'bundle' : 'json';
}

/** Removes portable copies left in the exports folder (plain JSON must not linger there). */
export function removePortableCopies(exportsDir: string, log: Logger): void {
  let names: string[];
  try {
    names = readdirSync(exportsDir);
  } catch {
    return;
  }
  let removed = 0;
  for (const name of names) {
    if ((PORTABLE_EXTENSIONS as readonly string[]).includes(extname(name))) {
      rmSync(join(exportsDir, name), { force: true });
      removed += 1;
    }
  }
  if (removed > 0) log.info('portable copies removed', { removed });
}

/**
 * Portable export and import in the app, and the desktop's "save a copy" of
 * an exported report. Desktop files go through the main side's dialogs
 * (the FileDialogs port); browser mode downloads from the exports folder and
 * uploads imports to the upload route.
 */
export function portableHandlers(
  context: CoreContext,
  vault: VaultService,
  files: TransientFiles,
  adopt: (handle: string) => string,
  dialogs: FileDialogs | undefined,
  options: PortableHandlerOptions = {},
): HandlersFor<typeof portableOperations> {
  const log = context.log.child('portable');
  const exportsDir = join(context.dataDir, 'exports');
  let loading: Promise<Catalogue> | null = null;
  const catalogue = (): Promise<Catalogue> => {
    if (loading === null) {
      const attempt = loadCatalogue({
        bundledDir: BUNDLED_QUESTIONNAIRES_DIR,
        userDir: join(context.dataDir, 'questionnaires'),
        log,
      });
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  };
  const portableContext = async () => {
    const loaded = await catalogue();
    return {
      vault,
      resolve: (id: string) => loaded.resolve(id),
      door: context.door,
      log: context.log,
    };
  };

  // A plain JSON copy not yet downloaded is not left on disk past the session.
  context.events.subscribe((event) => {
    if (event.type !== 'vault-locked') return;
    removePortableCopies(exportsDir, log);
    void files.clear();
  });

  function suggestedName(assessmentId: string, format: PortableFormatChoice): string {
    const record = vault.session().read((database) => getAssessmentRecord(database, assessmentId));
    const company = record.merchant.companyName.trim() || 'assessment';
    const stem = `${company} ${calendarDateOf(new Date())} portable`.replace(/\s+/g, '-');
    return safeFileName(`${stem.slice(0, 150)}.${format}`, `assessment.${format}`);
  }

  function dialogsOrRefuse(): FileDialogs {
    if (dialogs === undefined) {
      throw new OperationError(
        'NOT_IMPLEMENTED_HERE',
        'File dialogs exist only in the desktop app; browser mode downloads and uploads instead.',
      );
    }
    return dialogs;
  }

  return {
    async exportPortableCopy(input) {
      const name = suggestedName(input.assessmentId, input.format);
      let target: string;
      if (dialogs !== undefined) {
        const chosen = await dialogs.chooseSaveLocation('Save the portable copy', name);
        if (chosen === undefined) return null;
        target = chosen;
      } else {
        await mkdir(exportsDir, { recursive: true, mode: 0o700 });
        target = join(exportsDir, unusedName(exportsDir, name));
      }

      const exported = await exportPortable(await portableContext(), {
        assessmentId: input.assessmentId,
        target,
        format: input.format,
        ...(input.format === 'bundle' ? { passphrase: input.passphrase } : {}),
        ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
      });

      return {
        format: input.format,
        fileName: basename(target),
        bytes: exported.bytes,
        answers: exported.answers,
        evidence: exported.evidence,
        delivery: dialogs === undefined ? 'download' : 'saved',
      };
    },

    async choosePortableFile() {
      const path = await dialogsOrRefuse().chooseFileToOpen('Choose an assessment to import', [
        { name: 'Portable assessments', extensions: ['bundle', 'json'] },
      ]);
      if (path === undefined) return null;
      const chosen = files.registerPath(path);

      return { ...chosen, kind: portableKindOf(await files.head(chosen.handle)) };
    },

    async importAssessment({ handle, bundlePassphrase }) {
      const id = adopt(handle);
      const held = files.get(id);
      const kind = portableKindOf(await files.head(id));
      if (kind === 'bundle' && (bundlePassphrase === undefined || bundlePassphrase === '')) {
        throw new OperationError(
          'INVALID_INPUT',
          'This is an encrypted bundle: type the passphrase it was exported with.',
          'bundlePassphrase',
        );
      }

      try {
        const imported = await importPortable(await portableContext(), {
          file: held.kind === 'bytes' ? held.bytes : held.path,
          bundlePassphrase: () => Promise.resolve(bundlePassphrase ?? ''),
        });
        await files.release(id);
        return {
          outcome: 'imported',
          assessmentId: imported.assessmentId,
          format: imported.format,
          answers: imported.answers,
          evidence: imported.evidence,
          sourceSigning: imported.sourceSigning,
        };
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        const code =
          error.code === 'TOO_LARGE' || error.code === 'CARD_DATA_DETECTED'
            ? error.code
            : 'INVALID_INPUT';
        return { outcome: 'refused', code, problems: error.problems };
      }
    },

    async saveReportCopy({ fileName }, call) {
      const source =
        extname(fileName).toLowerCase() === '.pdf' && basename(fileName) === fileName
          ? resolveStaticFile(exportsDir, `/${encodeURIComponent(fileName)}`)
          : undefined;
      if (source === undefined) throw new OperationError('NOT_FOUND', 'No such exported report.');
      const destination = await dialogsOrRefuse().chooseSaveLocation(
        'Save the signed report',
        fileName,
      );
      if (destination === undefined) return null;

      const bytes = await writeFileAtomicWith(destination, async (handle) => {
        let done = 0;
        for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
          if (call.signal.aborted) throw new OperationError('CANCELLED', 'Saving was cancelled.');
          let written = 0;
          while (written < chunk.length) {
            written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
          }
          done += chunk.length;
          call.progress(done, null, 'save');
        }
      });
      log.info('report copy saved', { bytes });

      return { fileName: basename(destination), bytes };
    },
  };
}
