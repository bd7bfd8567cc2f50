import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { fileOperations } from '../../../shared/api/ops/files';
import { OperationError } from '../../../shared/api/result';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import type { EvidenceService } from '../evidence/evidence-service';
import type { FileDialogs, FileHandles } from '../files/file-handles';

function dialogsOrRefuse(dialogs: FileDialogs | undefined): FileDialogs {
  if (dialogs === undefined) {
    throw new OperationError(
      'NOT_IMPLEMENTED_HERE',
      'File dialogs exist only in the desktop app; browser mode uploads files instead.',
    );
  }

  return dialogs;
}

export function fileHandlers(
  _context: CoreContext,
  evidence: EvidenceService,
  handles: FileHandles,
  dialogs: FileDialogs | undefined,
): HandlersFor<typeof fileOperations> {
  return {
    async chooseEvidenceFile() {
      const path = await dialogsOrRefuse(dialogs).chooseFileToOpen('Add evidence');

      return path === undefined ? null : handles.register(path);
    },

    async importEvidenceFile({ handle, evidence: meta }, call) {
      const path = handles.take(handle);
      const imported = await evidence.importEvidence(
        createReadStream(path, { highWaterMark: 1024 * 1024 }),
        { ...meta, fileName: meta.fileName === '' ? basename(path) : meta.fileName },
        {
          signal: call.signal,
          onProgress: (done, total) => {
            call.progress(done, total, 'import');
          },
        },
      );

      return { item: imported.item, deduplicated: imported.deduplicated };
    },

    async saveEvidenceCopy({ id }, call) {
      const destination = await dialogsOrRefuse(dialogs).chooseSaveLocation(
        'Save a copy of the evidence',
        evidence.suggestedCopyName(id),
      );
      if (destination === undefined) return null;

      const saved = await evidence.saveCopy(id, destination, {
        signal: call.signal,
        onProgress: (done, total) => {
          call.progress(done, total, 'save');
        },
      });

      return { fileName: basename(destination), sizeBytes: saved.bytes };
    },
  };
}
