import type { z } from 'zod';
import type { Response, SaqType } from '../domain/responses';
import type {
  TESTING_METHODS,
  libraryRequirementSchema,
  questionnaireDefinitionSchema,
  requirementLibrarySchema,
  saqDefinitionSchema,
  saqRowSchema,
} from './schema';

export type TestingMethod = (typeof TESTING_METHODS)[number];
export type LibraryRequirement = z.infer<typeof libraryRequirementSchema>;
export type RequirementLibrary = z.infer<typeof requirementLibrarySchema>;
export type SaqDefinition = z.infer<typeof saqDefinitionSchema>;
export type SaqRow = z.infer<typeof saqRowSchema>;
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;
export type DefinitionKind = QuestionnaireDefinition['kind'];

/** `8.3.6` for a whole requirement, `4.2.1#b2` for one bullet; see schema.ts. */
export type AnswerRowId = string;

/**
 * One thing wrong with a definition file. `path` is a JSON path into the
 * file (`$.rows[3].requirementId`); `message` never repeats file content
 * beyond ids and key names.
 */
export interface DefinitionProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Where a definition came from: shipped with the app, or a folder the user added. */
export type DefinitionSource = 'bundled' | 'user';

/** One file of the catalogue, usable or not. */
export interface CatalogueEntry {
  /** The file's path inside its folder, with `/` separators; never an absolute path. */
  readonly file: string;
  readonly source: DefinitionSource;
  /** Null when the file is too broken to tell. */
  readonly id: string | null;
  readonly kind: DefinitionKind | null;
  readonly saqType: SaqType | null;
  readonly title: string | null;
  readonly version: string | null;
  readonly revision: number | null;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  /** Shipped with the app and byte-identical to what the manifest records. */
  readonly bundled: boolean;
  /**
   * Bundled, and (for an SAQ) resolved against a bundled library. Anything
   * else is an edited or user-supplied definition, marked unofficial wherever
   * it is shown, the report included.
   */
  readonly official: boolean;
  readonly usable: boolean;
  readonly problems: readonly DefinitionProblem[];
}

export interface ResolvedAnswerRow {
  readonly id: AnswerRowId;
  /** Null when the requirement is answered as a whole. */
  readonly bulletId: string | null;
  /** Our short label of the bullet; null for a whole requirement. */
  readonly label: string | null;
}

/** One requirement as the questionnaire screen shows it. */
export interface ResolvedRequirementRow {
  readonly requirementId: string;
  readonly title: string;
  readonly summary: string;
  readonly guidance: string | null;
  /** The SAQ's methods, else the library's; empty when neither gives any. */
  readonly expectedTesting: readonly TestingMethod[];
  /** SAQ-specific notes, our words. */
  readonly notes: readonly string[];
  /** The official SAQ prints an applicability note here; point the user to it. */
  readonly officialNote: boolean;
  /** Shown without a response: the row has no answer rows. */
  readonly placeholder: boolean;
  /** The SAQ leaves some bullets of this requirement out. */
  readonly partialBullets: boolean;
  readonly serviceProviderOnly: boolean;
  /** History only (best practice until this date); never a ground for Not Applicable. */
  readonly formerlyFutureDated: {
    readonly until: string;
    readonly scope: 'whole-requirement' | 'one-bullet' | null;
  } | null;
  /** One entry per response the user gives: one for the whole requirement, or one per bullet. */
  readonly answerRows: readonly ResolvedAnswerRow[];
}

/** The rows under one principal requirement (`1`..`12`) or appendix (`A2`). */
export interface ResolvedGroup {
  readonly principalId: string;
  readonly title: string;
  readonly rows: readonly ResolvedRequirementRow[];
}

export interface DefinitionProvenance {
  readonly file: string;
  readonly source: DefinitionSource;
  readonly sha256: string;
  readonly bundled: boolean;
}

/** An SAQ definition joined with its library text: what the questionnaire screen needs. */
export interface ResolvedQuestionnaire {
  readonly id: string;
  readonly saqType: SaqType;
  readonly title: string;
  readonly version: string;
  readonly revision: number;
  readonly published: string;
  readonly effectiveFrom: string | null;
  /** Says that the official PCI SSC SAQ is the authoritative text. */
  readonly notice: string;
  /** False for an edited or user-supplied SAQ or library. */
  readonly official: boolean;
  readonly provenance: DefinitionProvenance & {
    readonly library: DefinitionProvenance & { readonly id: string; readonly notice: string };
  };
  readonly allowedResponses: readonly Response[];
  readonly eligibility: readonly { readonly id: string; readonly statement: string }[];
  /** Requirements the SAQ asks (placeholders excluded). */
  readonly requirementCount: number;
  /** Every answer row, in questionnaire order. */
  readonly answerRowIds: readonly AnswerRowId[];
  readonly groups: readonly ResolvedGroup[];
}
