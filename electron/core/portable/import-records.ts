import { randomUUID } from 'node:crypto';
import { PART_3A_ACKNOWLEDGEMENTS } from '../../../shared/api/ops/assessments';
import { answerRowsOf } from '../../../shared/domain/answer-rows';
import { calendarDateOf } from '../../../shared/domain/calendar-date';
import { answerProblems } from '../../../shared/domain/response-rules';
import type { PortableAssessment } from '../../../shared/portable/assessment-format';
import type { ResolvedQuestionnaire } from '../../../shared/questionnaire/types';
import {
  emptyPayload,
  insertAssessment,
  upsertAttestation,
  type AssessmentPayload,
} from '../assessments/records';
import { saveAnswer } from '../store/answers-repository';
import type { WriteTransaction } from '../vault/session';
import { jsonPath, type ImportProblem } from './problems';
import { completeStagedContent, type StagedContent } from './stage-evidence';

/**
 * What an import checks against this app and writes into the vault, once
 * the document itself is known to be well formed.
 */

/**
 * Everything that the schema cannot see: the questionnaire is one this app
 * has, with the same SHA-256; every answered row exists and takes that
 * response; eligibility and Part 3a ids are this SAQ's; evidence rows exist.
 * Returns every problem, each with its JSON path.
 */
export function meaningProblems(
  document: PortableAssessment,
  resolve: (id: string) => ResolvedQuestionnaire,
): { problems: ImportProblem[]; questionnaire: ResolvedQuestionnaire | undefined } {
  const { assessment } = document;
  const problems: ImportProblem[] = [];
  const at = (...segments: PropertyKey[]) => jsonPath(['assessment', ...segments]);

  let questionnaire: ResolvedQuestionnaire;
  try {
    questionnaire = resolve(assessment.questionnaire.id);
  } catch {
    problems.push({
      path: at('questionnaire', 'id'),
      message: 'This app has no usable questionnaire with that id.',
    });
    return { problems, questionnaire: undefined };
  }
  if (questionnaire.provenance.sha256 !== assessment.questionnaire.sha256) {
    problems.push({
      path: at('questionnaire', 'sha256'),
      message:
        "The answers were given against another edition of this questionnaire than this app's.",
    });
  }
  if (questionnaire.saqType !== assessment.questionnaire.saqType) {
    problems.push({ path: at('questionnaire', 'saqType'), message: 'Not the SAQ of that id.' });
  }
  const selection = assessment.saqChoice.selection;
  if (selection !== null && selection.saq !== questionnaire.saqType) {
    problems.push({
      path: at('saqChoice', 'selection', 'saq'),
      message: 'The chosen SAQ is not the questionnaire answered.',
    });
  }
  if (selection?.overridden === true && (selection.reason ?? '').trim() === '') {
    problems.push({
      path: at('saqChoice', 'selection', 'reason'),
      message: 'Choosing another SAQ than recommended needs a reason.',
    });
  }

  const eligibility = new Set(questionnaire.eligibility.map((statement) => statement.id));
  assessment.executiveSummary.eligibilityConfirmed.forEach((id, index) => {
    if (!eligibility.has(id)) {
      problems.push({
        path: at('executiveSummary', 'eligibilityConfirmed', index),
        message: 'Not an eligibility statement of this SAQ.',
      });
    }
  });

  const rows = new Map(answerRowsOf(questionnaire).map((row) => [row.id, row]));
  const seen = new Set<string>();
  assessment.answers.forEach((answer, index) => {
    const row = rows.get(answer.rowId);
    if (row === undefined || row.placeholder) {
      problems.push({
        path: at('answers', index, 'rowId'),
        message:
          row === undefined
            ? 'The questionnaire has no such answer row.'
            : 'This row is shown without a response.',
      });
      return;
    }
    if (seen.has(answer.rowId)) {
      problems.push({ path: at('answers', index, 'rowId'), message: 'Answered twice.' });
    }
    seen.add(answer.rowId);
    const refused = answerProblems(
      { response: answer.response, payload: answer.payload },
      questionnaire.saqType,
      questionnaire.allowedResponses,
    ).find((problem) => problem.code === 'not-allowed');
    if (refused !== undefined) {
      problems.push({ path: at('answers', index, 'response'), message: refused.message });
    }
  });

  const statements: readonly string[] = PART_3A_ACKNOWLEDGEMENTS.map((statement) => statement.id);
  assessment.attestation?.acknowledgements.forEach((id, index) => {
    if (!statements.includes(id)) {
      problems.push({
        path: at('attestation', 'acknowledgements', index),
        message: 'Not a Part 3a statement.',
      });
    }
  });
  if (assessment.status === 'signed' && assessment.attestation === null) {
    problems.push({ path: at('status'), message: 'Marked signed, but has no attestation.' });
  }

  document.evidence.forEach((item, index) => {
    if (item.file !== `evidence/${item.sha256}`) {
      problems.push({
        path: jsonPath(['evidence', index, 'file']),
        message: 'The entry name is not "evidence/" and this file\'s SHA-256.',
      });
    }
    item.rows.forEach((rowId, rowIndex) => {
      const row = rows.get(rowId);
      if (row === undefined || row.placeholder) {
        problems.push({
          path: jsonPath(['evidence', index, 'rows', rowIndex]),
          message: 'The questionnaire has no such answer row.',
        });
      }
    });
  });

  return { problems, questionnaire };
}

/**
 * What the document says about its signing in the vault it came from. Only a
 * claim (anyone can edit the file), so it is recorded and shown, never acted on.
 */
export interface SourceSigning {
  /** As the document states it; null when it states none. */
  readonly signedAt: string | null;
  /** Part 3b's signer name in the document; empty when it names none. */
  readonly signerName: string;
}

export interface ImportedAssessment {
  readonly assessmentId: string;
  readonly answers: number;
  readonly evidence: number;
  /** Null for a draft; the imported assessment is never signed here either way. */
  readonly sourceSigning: SourceSigning | null;
  /** Staged contents that turned out to be stored already: to drop after the commit. */
  readonly duplicateContents: readonly number[];
}

/**
 * Writes the whole assessment in the caller's one transaction: profile and
 * assessment (new ids: an import never overwrites), answers with their
 * history, the attestation, evidence items and links. It always arrives as a
 * draft: a signature is an act of the person in this vault, not something a
 * file (which anyone can edit) can bring. So the attestation is kept without
 * its signature, and what the document says about its signing elsewhere is
 * recorded in the import's audit entry. Any failure throws and nothing stays.
 */
export function writeImportedAssessment(
  transaction: WriteTransaction,
  document: PortableAssessment,
  questionnaire: ResolvedQuestionnaire,
  staged: ReadonlyMap<string, StagedContent>,
  now: Date,
): ImportedAssessment {
  const { assessment } = document;
  const { database } = transaction;
  const at = now.toISOString();
  const assessmentId = randomUUID();
  const subject = `assessment:${assessmentId}`;

  const payload: AssessmentPayload = {
    ...emptyPayload(assessment.title, questionnaire.official, questionnaire.revision),
    assessor: assessment.assessor,
    levelInputs: assessment.levelInputs,
    saqProfile: assessment.saqChoice.profile,
    saqSelection: assessment.saqChoice.selection,
    executiveSummary: {
      ...assessment.executiveSummary,
      eligibilityConfirmed: [...new Set(assessment.executiveSummary.eligibilityConfirmed)],
    },
    dueDates: assessment.dueDates,
  };
  insertAssessment(database, {
    id: assessmentId,
    profileId: randomUUID(),
    saqType: questionnaire.saqType,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    questionnaireSha256: questionnaire.provenance.sha256,
    periodStart: assessment.periodStart,
    periodEnd: assessment.periodEnd,
    merchant: assessment.merchant,
    payload,
    now: at,
  });
  const sourceSigning: SourceSigning | null =
    assessment.status === 'signed'
      ? { signedAt: assessment.signedAt, signerName: assessment.attestation?.signer.name ?? '' }
      : null;
  transaction.audit({
    action: 'assessment.imported',
    subject,
    summary:
      `questionnaire ${questionnaire.id} ${questionnaire.version}, ` +
      `${String(assessment.answers.length)} answers, ${String(document.evidence.length)} evidence` +
      (sourceSigning === null
        ? ''
        : `, signed in the source vault at ${sourceSigning.signedAt ?? 'an unstated time'}` +
          ' (certificate not in the document), imported as a draft, not signed here'),
    // The signer's name is user content: only its digest goes into the trail.
    ...(sourceSigning === null
      ? {}
      : { after: { sourceSigning: { ...sourceSigning, certificateFingerprint: null } } }),
  });

  for (const answer of assessment.answers) {
    saveAnswer(
      transaction,
      {
        assessmentId,
        rowId: answer.rowId,
        response: answer.response,
        payload: { ...answer.payload, notes: answer.notes },
      },
      now,
    );
  }
  if (assessment.attestation !== null) {
    // Kept as a draft to review; the person signing here gives their own signature.
    const attestation = {
      ...assessment.attestation,
      signer: { ...assessment.attestation.signer, signature: null },
    };
    upsertAttestation(database, assessmentId, attestation, at, randomUUID);
    transaction.audit({ action: 'attestation.saved', subject, after: attestation });
  }

  const duplicateContents: number[] = [];
  for (const item of document.evidence) {
    const content = staged.get(item.sha256);
    if (content === undefined) throw new Error('Evidence content was not staged.');
    let contentId = content.contentId;
    const state = database
      .prepare<[number], { state: string }>('SELECT state FROM evidence_contents WHERE id = ?')
      .get(contentId);
    if (state?.state === 'pending') {
      const completed = completeStagedContent(database, content);
      contentId = completed.contentId;
      if (completed.duplicateOf !== null) duplicateContents.push(content.contentId);
    } else if (state?.state !== 'complete') {
      // Staged as a duplicate by an earlier item of this document.
      const stored = database
        .prepare<[string], { id: number }>(
          "SELECT id FROM evidence_contents WHERE sha256 = ? AND state = 'complete'",
        )
        .get(content.sha256);
      if (stored === undefined) throw new Error('Evidence content is missing.');
      contentId = stored.id;
    }

    const itemId = randomUUID();
    database
      .prepare(
        `INSERT INTO evidence_items (id, content_id, title, description, file_name, media_type,
           kind, added_on, effective_on, expires_on, text_check, revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(
        itemId,
        contentId,
        item.title.trim(),
        item.description,
        item.fileName,
        item.mediaType,
        item.kind,
        calendarDateOf(now),
        item.effectiveOn,
        item.expiresOn,
        content.textCheck,
        at,
        at,
      );
    transaction.audit({
      action: 'evidence.added',
      subject: `evidence:${itemId}`,
      summary: `${item.kind}, ${String(item.sizeBytes)} bytes, imported`,
      after: { title: item.title, fileName: item.fileName, sha256: item.sha256 },
    });
    for (const rowId of new Set(item.rows)) {
      database
        .prepare(
          `INSERT INTO evidence_links (evidence_id, assessment_id, row_id, linked_at)
           VALUES (?, ?, ?, ?)`,
        )
        .run(itemId, assessmentId, rowId, at);
    }
  }

  return {
    assessmentId,
    answers: assessment.answers.length,
    evidence: document.evidence.length,
    sourceSigning,
    duplicateContents,
  };
}
