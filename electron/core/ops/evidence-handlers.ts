import {
  DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES,
  type EvidenceSizeLimit,
  type evidenceOperations,
} from '../../../shared/api/ops/evidence';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { createEvidenceService } from '../evidence/evidence-service';
import type { EvidenceStore } from '../evidence/evidence-store';
import type { VaultService } from '../vault/vault-service';

function sizeLimitOf(store: EvidenceStore): EvidenceSizeLimit {
  return {
    maxMebibytes: Math.floor(store.maxBytes / (1024 * 1024)),
    defaultMebibytes: DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES,
  };
}

/**
 * Evidence operations. Adding a file (a byte stream) and saving a copy (a
 * path chosen on the main side) are not operations: the upload route, the
 * file dialog and the CLI call the evidence service directly.
 */
export function evidenceHandlers(
  context: CoreContext,
  vault: VaultService,
): HandlersFor<typeof evidenceOperations> {
  const evidence = createEvidenceService(vault, { door: context.door, log: context.log });

  return {
    listEvidence: (filter) => evidence.store().list(filter),
    getEvidence: ({ id }) => evidence.store().get(id),
    updateEvidence: (change) => evidence.store().update(change),
    linkEvidence: ({ id, assessmentId, rowId }) => evidence.store().link(id, assessmentId, rowId),
    unlinkEvidence: ({ id, assessmentId, rowId }) =>
      evidence.store().unlink(id, assessmentId, rowId),
    deleteEvidence: ({ id }) => evidence.store().delete(id),
    getEvidenceSizeLimit: () => sizeLimitOf(evidence.store()),
    setEvidenceSizeLimit: ({ maxMebibytes }) => {
      const store = evidence.store();
      store.setMaxMebibytes(maxMebibytes);

      return sizeLimitOf(store);
    },
    readEvidenceContent: ({ id, offset, length }) => {
      const range = evidence.store().readRange(id, offset, length);

      return {
        base64: range.bytes.toString('base64'),
        offset,
        length: range.bytes.length,
        totalBytes: range.totalBytes,
        mediaType: range.mediaType,
      };
    },
  };
}
