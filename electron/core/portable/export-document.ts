import type { EvidenceItem } from '../../../shared/api/ops/evidence';
import {
  PORTABLE_FORMAT,
  PORTABLE_FORMAT_VERSION,
  evidenceEntryName,
  portableAssessmentSchema,
  type PortableAssessment,
  type PortableAssessmentInput,
} from '../../../shared/portable/assessment-format';
import { answerViews, type AssessmentState } from '../assessments/assessment-state';
import { APP_VERSION } from '../product';

/**
 * An assessment as the portable document: the record as the wizard saved it,
 * its answers in questionnaire order, and the metadata of the evidence
 * linked to it (with the rows of this assessment each supports). Parsed
 * through the schema before it is returned, so an export never writes what
 * an import would refuse.
 */
export function portableDocumentOf(
  state: AssessmentState,
  evidence: readonly EvidenceItem[],
  exportedAt: Date,
): PortableAssessment {
  const { record } = state;
  const { payload } = record;
  const signing = payload.signings.at(-1);

  const document: PortableAssessmentInput = {
    format: PORTABLE_FORMAT,
    formatVersion: PORTABLE_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    generator: { app: 'pci-saq', version: APP_VERSION },
    assessment: {
      title: payload.title,
      periodStart: record.periodStart,
      periodEnd: record.periodEnd,
      status: record.status,
      signedAt: record.status === 'signed' ? (signing?.signedAt ?? null) : null,
      questionnaire: {
        id: record.questionnaireId,
        saqType: record.saqType,
        version: record.questionnaireVersion,
        sha256: record.questionnaireSha256,
      },
      merchant: record.merchant,
      assessor: payload.assessor,
      levelInputs: payload.levelInputs,
      saqChoice: { profile: payload.saqProfile, selection: payload.saqSelection },
      executiveSummary: payload.executiveSummary,
      dueDates: {
        lastPassingAsvScanOn: payload.dueDates.lastPassingAsvScanOn,
        serviceProvidersConfirmedOn: payload.dueDates.serviceProvidersConfirmedOn,
      },
      answers: answerViews(state).map((answer) => ({
        rowId: answer.rowId,
        response: answer.response,
        payload: answer.payload,
        notes: answer.notes,
      })),
      attestation: state.attestation?.input ?? null,
    },
    evidence: evidence.map((item) => ({
      file: evidenceEntryName(item.sha256),
      sha256: item.sha256,
      sizeBytes: item.sizeBytes,
      title: item.title,
      description: item.description,
      fileName: item.fileName,
      mediaType: item.mediaType,
      kind: item.kind,
      effectiveOn: item.effectiveOn,
      expiresOn: item.expiresOn,
      rows: item.links.filter((link) => link.assessmentId === record.id).map((link) => link.rowId),
    })),
  };

  return portableAssessmentSchema.parse(document);
}
