import type { verifyOperations } from '../../../shared/api/ops/verify';
import { OperationError } from '../../../shared/api/result';
import { MAX_REPORT_BYTES } from '../../../shared/api/uploads';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import type { FileDialogs } from '../files/file-handles';
import type { TransientFiles } from '../files/transient-files';
import { verifySignedPdf } from '../signing/verify';

/** Every PDF starts with this (a few writers put junk before it; ours never do). */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Refuses a file that is not a PDF, naming it, before anything else is read. */
export function assertPdfHead(head: Buffer, fileName: string): void {
  if (!head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw new OperationError(
      'INVALID_INPUT',
      `${fileName} is not a PDF file. Choose the signed report (.pdf) the app exported.`,
    );
  }
}

/**
 * Verifying a signed report. Needs no vault, so it answers before unlock:
 * the verifier reads only the file. Handles come from the desktop's dialog,
 * from a drop (`adopt`) or from browser mode's upload route.
 */
export function verifyHandlers(
  context: CoreContext,
  files: TransientFiles,
  adopt: (handle: string) => string,
  dialogs: FileDialogs | undefined,
): HandlersFor<typeof verifyOperations> {
  const log = context.log.child('verify');

  return {
    async chooseReportToVerify() {
      if (dialogs === undefined) {
        throw new OperationError(
          'NOT_IMPLEMENTED_HERE',
          'File dialogs exist only in the desktop app; browser mode uploads the report instead.',
        );
      }
      const path = await dialogs.chooseFileToOpen('Choose a signed report to verify', [
        { name: 'PDF reports', extensions: ['pdf'] },
      ]);

      return path === undefined ? null : files.registerPath(path);
    },

    async verifyReport({ handle, expectedFingerprint }) {
      const id = adopt(handle);
      const { fileName } = files.get(id).file;
      assertPdfHead(await files.head(id), fileName);
      const bytes = await files.readAll(id, MAX_REPORT_BYTES);

      const started = performance.now();
      const report = verifySignedPdf(
        bytes,
        expectedFingerprint === undefined || expectedFingerprint === ''
          ? {}
          : { expectedFingerprint },
      );
      log.info('report verified', {
        intact: report.intact,
        problems: report.problems.length,
        bytes: bytes.length,
        ms: Math.round(performance.now() - started),
      });

      return {
        fileName,
        intact: report.intact,
        documentUnchanged: report.documentUnchanged,
        problems: report.problems,
        certificateFingerprint: report.certificateFingerprint,
        fingerprintMatches: report.fingerprintMatches,
        signerName: report.signerName,
        certificateSubject: report.certificateSubject,
        claimedSigningTime: report.claimedSigningTime,
      };
    },
  };
}
