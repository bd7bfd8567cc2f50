import type {
  AssessmentDetail,
  AssessorPart1b,
  AttestationInput,
  ExecutiveSummary,
  MerchantPart1a,
  SavedSection,
} from '../../../shared/api/ops/assessments';
import type { Result } from '../../../shared/api/result';
import type { CalendarDate } from '../../../shared/domain/calendar-date';
import {
  merchantLevelInputSchema,
  type MerchantLevelInput,
} from '../../../shared/domain/merchant-level';
import { RESPONSE_LABELS, type Response } from '../../../shared/domain/responses';
import { saqProfileSchema, type SaqProfile } from '../../../shared/domain/saq-recommendation';
import { api } from './api';

/**
 * The parts of an assessment that a screen edits and saves as a whole. Each
 * is read from the assessment as core returned it (`pick`), written back into
 * it once saved (`apply`) and sent with the assessment revision it was based
 * on (`send`), so that a save from a window that has not seen another
 * window's change is refused instead of overwriting it.
 */
export interface SectionValues {
  readonly details: {
    readonly title: string;
    readonly periodStart: CalendarDate | null;
    readonly periodEnd: CalendarDate | null;
  };
  readonly profile: { readonly merchant: MerchantPart1a; readonly assessor: AssessorPart1b };
  readonly level: MerchantLevelInput;
  /** The eligibility answers alone; they save as they are given. */
  readonly saqAnswers: SaqProfile;
  /** The chosen SAQ with the answers it was chosen on ("Use this SAQ"). */
  readonly saqChoice: {
    readonly profile: SaqProfile;
    readonly questionnaireId: string;
    /** Null when the choice is the recommended one. */
    readonly overrideReason: string | null;
  };
  readonly summary: ExecutiveSummary;
  readonly attestation: AttestationInput;
}

export type SectionKey = keyof SectionValues;

export interface SectionRef {
  readonly assessmentId: string;
  readonly expectedRevision: number;
}

interface SectionDefinition<K extends SectionKey> {
  /** The step the section is on, as people read it. */
  readonly label: string;
  readonly pick: (detail: AssessmentDetail) => SectionValues[K];
  readonly apply: (detail: AssessmentDetail, value: SectionValues[K]) => AssessmentDetail;
  readonly send: (ref: SectionRef, value: SectionValues[K]) => Promise<Result<SavedSection>>;
}

export function attestationInputOf(detail: AssessmentDetail): AttestationInput {
  const view = detail.attestation;
  return {
    targetDateForCompliance: view.targetDateForCompliance,
    completionDate: view.completionDate,
    acknowledgements: view.acknowledgements,
    signer: view.signer,
    qsaInvolvement: view.qsaInvolvement,
    isaInvolvement: view.isaInvolvement,
    acquirerAskedForActionPlan: view.acquirerAskedForActionPlan,
    actionPlan: view.actionPlan,
  };
}

const saqProfileOf = (detail: AssessmentDetail): SaqProfile =>
  detail.saqChoice.profile ?? saqProfileSchema.parse({});

export const SECTIONS: { readonly [K in SectionKey]: SectionDefinition<K> } = {
  details: {
    label: 'Title and period',
    pick: ({ summary }) => ({
      title: summary.title,
      periodStart: summary.periodStart,
      periodEnd: summary.periodEnd,
    }),
    apply: (detail, value) => ({ ...detail, summary: { ...detail.summary, ...value } }),
    send: (ref, value) => api().saveAssessmentDetails({ ...ref, ...value }),
  },
  profile: {
    label: 'Merchant profile',
    pick: ({ merchant, assessor }) => ({ merchant, assessor }),
    apply: (detail, value) => ({
      ...detail,
      ...value,
      summary: { ...detail.summary, companyName: value.merchant.companyName },
    }),
    send: (ref, value) => api().saveMerchantProfile({ ...ref, ...value }),
  },
  level: {
    label: 'Merchant level',
    pick: (detail) => detail.level.inputs ?? merchantLevelInputSchema.parse({}),
    apply: (detail, inputs) => ({ ...detail, level: { ...detail.level, inputs } }),
    send: (ref, inputs) => api().saveLevelInputs({ ...ref, inputs }),
  },
  saqAnswers: {
    label: 'SAQ choice',
    pick: saqProfileOf,
    apply: (detail, profile) => ({ ...detail, saqChoice: { ...detail.saqChoice, profile } }),
    send: (ref, profile) => api().saveSaqAnswers({ ...ref, profile }),
  },
  saqChoice: {
    label: 'SAQ choice',
    pick: (detail) => ({
      profile: saqProfileOf(detail),
      questionnaireId: detail.questionnaire.id,
      overrideReason: detail.saqChoice.selection?.reason ?? null,
    }),
    apply: (detail, value) => ({
      ...detail,
      saqChoice: { ...detail.saqChoice, profile: value.profile },
    }),
    send: (ref, { overrideReason, ...value }) =>
      api().saveSaqChoice({
        ...ref,
        ...value,
        ...(overrideReason === null ? {} : { overrideReason }),
      }),
  },
  summary: {
    label: 'Executive summary',
    pick: (detail) => detail.executiveSummary,
    apply: (detail, executiveSummary) => ({ ...detail, executiveSummary }),
    send: (ref, summary) => api().saveExecutiveSummary({ ...ref, summary }),
  },
  attestation: {
    label: 'Attestation',
    pick: attestationInputOf,
    apply: (detail, value) => ({ ...detail, attestation: { ...detail.attestation, ...value } }),
    send: (ref, attestation) => api().saveAttestation({ ...ref, attestation }),
  },
};

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Readonly<Record<string, unknown>>)[part];
  }
  return current;
}

/**
 * The changes of this window that were not saved, in words, each with what
 * the person had entered when it is short enough to quote, so that they can
 * enter it again: `company name (“Harbour Lane Pottery Ltd”), response (Not in Place)`.
 */
export function lostChanges(paths: readonly string[], mine: unknown): string {
  return [...new Set(paths)]
    .map((path) => {
      const value = valueAt(mine, path);
      const words = fieldWords(path);
      if (path === 'response' && typeof value === 'string' && value in RESPONSE_LABELS) {
        return `${words} (${RESPONSE_LABELS[value as Response]})`;
      }
      return typeof value === 'string' && value.trim() !== '' && value.length <= 80
        ? `${words} (“${value}”)`
        : words;
    })
    .join(', ');
}

/** "merchant.companyName" → "company name": the field a conflict was on, in words. */
export function fieldWords(path: string): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? path;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
