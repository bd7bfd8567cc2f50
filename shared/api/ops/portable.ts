import { z } from 'zod';
import type { ChosenFile } from './files';
import { operation } from '../operation';

/**
 * A whole assessment out of the app and into another vault (see
 * docs/portable-format.md), and the desktop's "save a copy" of an exported
 * report. Files never travel as paths from the page: the desktop's dialogs
 * choose them in the main process; browser mode downloads exports from the
 * exports route and uploads imports to the upload route.
 */

export type PortableFormatChoice = 'bundle' | 'json';

export interface PortableCopy {
  readonly format: PortableFormatChoice;
  /** The name written: in the app's exports folder (browser mode) or where the person chose. */
  readonly fileName: string;
  readonly bytes: number;
  readonly answers: number;
  readonly evidence: number;
  /** Browser mode fetches it from the exports route; the desktop saved it already. */
  readonly delivery: 'download' | 'saved';
}

/** A file chosen for import, with what its first bytes say it is. */
export interface PortableFileChosen extends ChosenFile {
  readonly kind: PortableFormatChoice;
}

/** One reason an import is refused, with the JSON path of what it is about. */
export interface PortableImportProblem {
  /** A JSON path, e.g. `$.assessment.answers[0].notes`. */
  readonly path: string;
  readonly message: string;
  /** The same place in plain words, e.g. "Answer to requirement 2.2.2, notes", when it has one. */
  readonly where?: string;
}

/**
 * A refusal is a result, not an error: the page lists every problem. Nothing
 * was imported then; the handle stays usable so the person can retry (a
 * mistyped passphrase, for example).
 */
export type PortableImportOutcome =
  | {
      readonly outcome: 'imported';
      readonly assessmentId: string;
      readonly format: PortableFormatChoice;
      readonly answers: number;
      readonly evidence: number;
      /**
       * What the file says about its signing in the vault it came from (null
       * for a draft). Only a claim: the import always arrives unsigned here.
       */
      readonly sourceSigning: {
        readonly signedAt: string | null;
        readonly signerName: string;
      } | null;
    }
  | {
      readonly outcome: 'refused';
      readonly code: 'INVALID_INPUT' | 'TOO_LARGE' | 'CARD_DATA_DETECTED';
      readonly problems: readonly PortableImportProblem[];
    };

export interface SavedCopy {
  readonly fileName: string;
  readonly bytes: number;
}

const passphrase = z.string().max(1024);

export const portableOperations = {
  /**
   * Writes the assessment as an encrypted bundle with its evidence files
   * (default), or as plain JSON without them when asked explicitly. Desktop:
   * the save dialog picks the place (null when cancelled).
   */
  exportPortableCopy: operation<PortableCopy | null>()(
    z.discriminatedUnion('format', [
      z.object({ assessmentId: z.uuid(), format: z.literal('bundle'), passphrase }).strict(),
      z
        .object({
          assessmentId: z.uuid(),
          format: z.literal('json'),
          /** The person confirmed that the file is not encrypted and holds everything. */
          unencryptedConfirmed: z.literal(true),
        })
        .strict(),
    ]),
    { long: true },
  ),
  /** Desktop: the open dialog for a bundle or JSON document; null when cancelled. */
  choosePortableFile: operation<PortableFileChosen | null>()(z.object({}).strict()),
  /** Imports the file behind the handle as a new assessment, all or nothing. */
  importAssessment: operation<PortableImportOutcome>()(
    z.object({ handle: z.uuid(), bundlePassphrase: passphrase.optional() }).strict(),
    { long: true },
  ),
  /** Desktop: copies an exported report to where the save dialog says; null when cancelled. */
  saveReportCopy: operation<SavedCopy | null>()(
    z.object({ fileName: z.string().min(1).max(255) }).strict(),
    { long: true },
  ),
};
