import { z } from 'zod';
import { evidenceImportSchema, type EvidenceItem } from './evidence';
import { operation } from '../operation';

/**
 * Files in and out of the vault on the desktop, through the main side's
 * dialogs. The page only ever holds an opaque handle. In browser mode these
 * answer NOT_IMPLEMENTED_HERE: files come in through the upload route there.
 */

export interface ChosenFile {
  readonly handle: string;
  readonly fileName: string;
  readonly sizeBytes: number;
}

export interface ImportedEvidenceResult {
  readonly item: EvidenceItem;
  /** The same bytes were already in the vault; the new item shares them. */
  readonly deduplicated: boolean;
}

export const fileOperations = {
  /** Opens the system's file dialog; null when the person cancelled it. */
  chooseEvidenceFile: operation<ChosenFile | null>()(z.object({}).strict()),
  /** Streams the chosen (or dropped) file into the vault, with progress. */
  importEvidenceFile: operation<ImportedEvidenceResult>()(
    z.object({ handle: z.uuid(), evidence: evidenceImportSchema }).strict(),
    { long: true },
  ),
  /** "Save a copy": the one way evidence leaves the vault in plaintext. Null when cancelled. */
  saveEvidenceCopy: operation<{ readonly fileName: string; readonly sizeBytes: number } | null>()(
    z.object({ id: z.uuid() }).strict(),
    { long: true },
  ),
};
