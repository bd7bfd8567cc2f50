import { randomBytes, createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OperationError } from '../../../shared/api/result';
import { safeFileName } from '../../../shared/domain/safe-file-name';
import type { EvidenceItem } from '../../../shared/api/ops/evidence';
import { storeErrorFor } from '../store/errors';
import { fsyncFolder } from '../vault/atomic-file';
import type { EvidenceStore } from './evidence-store';

/**
 * "Save a copy": the one way evidence leaves the vault as plaintext, to a
 * path chosen in the main side's save dialog or given to the CLI (never one
 * from the page). The copy is written next to its destination under a
 * temporary name, checked against the stored SHA-256, flushed to disk and
 * renamed into place, then the folder is flushed: a crash leaves either no
 * file or the whole file, never a truncated one under the real name.
 */

export interface SaveCopyOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/** The name to offer in a save dialog, or to use in a folder the CLI was given. */
export function suggestedCopyName(item: Pick<EvidenceItem, 'fileName' | 'title'>): string {
  return safeFileName(item.fileName === '' ? item.title : item.fileName);
}

export async function saveEvidenceCopy(
  store: EvidenceStore,
  evidenceId: string,
  destination: string,
  options: SaveCopyOptions = {},
): Promise<{ bytes: number; sha256: string }> {
  const item = store.get(evidenceId);
  const folder = dirname(destination);
  // A short name of its own: the destination's may already use all 255 bytes.
  const temporary = join(folder, `.pci-saq-copy-${randomBytes(8).toString('hex')}.partial`);
  const hash = createHash('sha256');
  let written = 0;

  try {
    // Owner-only, like the vault: the copy is as sensitive as the original.
    const file = await open(temporary, 'wx', 0o600);
    try {
      for await (const chunk of store.readContent(
        evidenceId,
        options.signal ? { signal: options.signal } : {},
      )) {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
        hash.update(chunk);
        written += chunk.length;
        options.onProgress?.(written, item.sizeBytes);
      }
      if (options.signal?.aborted === true) {
        throw new OperationError('CANCELLED', 'Saving the copy was cancelled.');
      }

      const sha256 = hash.digest('hex');
      if (written !== item.sizeBytes || sha256 !== item.sha256) {
        throw new OperationError(
          'VAULT_DAMAGED',
          'The stored evidence does not match its recorded SHA-256.',
          'id',
        );
      }
      await file.sync();
    } finally {
      await file.close();
    }

    await rename(temporary, destination);
    fsyncFolder(folder);

    return { bytes: written, sha256: item.sha256 };
  } catch (error) {
    await rm(temporary, { force: true });
    throw storeErrorFor(error) ?? error;
  }
}
