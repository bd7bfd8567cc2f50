import type { Door } from '../../../shared/api/ops/app';
import type { EvidenceImport } from '../../../shared/api/ops/evidence';
import type { Logger } from '../log/logger';
import type { VaultService } from '../vault/vault-service';
import { sessionEvidenceDatabase } from './evidence-database';
import {
  evidenceStoreFor,
  type EvidenceStore,
  type ImportOptions,
  type ImportedEvidence,
} from './evidence-store';
import { saveEvidenceCopy, suggestedCopyName, type SaveCopyOptions } from './save-copy';

export interface EvidenceServiceOptions {
  readonly door: Door;
  readonly log: Logger;
  /** Largest file accepted; DEFAULT_MAX_EVIDENCE_BYTES when not given. */
  readonly maxBytes?: number;
}

/**
 * Evidence as the doors use it beyond the plain operations: the browser
 * upload route and the desktop file dialog hand a byte stream to
 * `importEvidence`; the main side's save dialog and the CLI call `saveCopy`
 * with the path the person chose. Each call works on the vault as unlocked
 * now (VAULT_LOCKED otherwise).
 */
export interface EvidenceService {
  importEvidence(
    source: AsyncIterable<Uint8Array | string>,
    meta: EvidenceImport,
    options?: ImportOptions,
  ): Promise<ImportedEvidence>;
  saveCopy(
    evidenceId: string,
    destination: string,
    options?: SaveCopyOptions,
  ): Promise<{ bytes: number; sha256: string }>;
  /** A safe file name to offer in a save dialog. */
  suggestedCopyName(evidenceId: string): string;
  /** The store of the vault as unlocked now. */
  store(): EvidenceStore;
}

export function createEvidenceService(
  vault: VaultService,
  options: EvidenceServiceOptions,
): EvidenceService {
  const store = () => {
    const current = evidenceStoreFor(sessionEvidenceDatabase(vault.session()), {
      door: options.door,
      log: options.log,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    });
    // The first use after an unlock clears what a crash left unfinished; it
    // runs once per unlock, in short transactions, without holding the caller.
    void current.removeUnfinished();

    return current;
  };

  return {
    store,
    importEvidence: (source, meta, importOptions) =>
      store().importEvidence(source, meta, importOptions),
    saveCopy: (evidenceId, destination, saveOptions) =>
      saveEvidenceCopy(store(), evidenceId, destination, saveOptions),
    suggestedCopyName: (evidenceId) => suggestedCopyName(store().get(evidenceId)),
  };
}
