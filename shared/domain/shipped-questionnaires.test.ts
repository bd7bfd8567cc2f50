import { describe, expect, it } from 'vitest';
import libraryFile from '../../questionnaires/library/pci-dss-v4.0.1.json';
import saqAEpFile from '../../questionnaires/saq-a-ep.json';
import saqAFile from '../../questionnaires/saq-a.json';
import saqDFile from '../../questionnaires/saq-d-merchant.json';
import { resolveQuestionnaire } from '../questionnaire/resolve';
import { requirementLibrarySchema, saqDefinitionSchema } from '../questionnaire/schema';
import type { ResolvedQuestionnaire } from '../questionnaire/types';
import { answerRowsOf, type AnswerRow, type Answers, type RowAnswer } from './answer-rows';
import { asvSchedule } from './asv-schedule';
import { parseCalendarDate, type CalendarDate } from './calendar-date';
import { PAPER_RECORD_REQUIREMENTS, consistencyFindings } from './consistency';
import { assessOutcome, eligibilityConfirmations, part2gSummary } from './outcome';
import type { SaqType } from './responses';

/**
 * The rules run on the questionnaires the app ships: the structural row
 * shape fits them, and the facts the rules assume (which SAQ asks 11.3.2,
 * 11.4.5, the paper-only rows, the A2 line) hold for the real definitions.
 */

const provenance = { file: 'test', source: 'bundled' as const, sha256: '0', bundled: true };
const library = requirementLibrarySchema.parse(libraryFile);

function resolved(file: unknown): ResolvedQuestionnaire {
  return resolveQuestionnaire({
    saq: saqDefinitionSchema.parse(file),
    saqProvenance: provenance,
    library,
    libraryProvenance: provenance,
  });
}

const SHIPPED: Record<'A' | 'A-EP' | 'D-Merchant', ResolvedQuestionnaire> = {
  A: resolved(saqAFile),
  'A-EP': resolved(saqAEpFile),
  'D-Merchant': resolved(saqDFile),
};

const rowsOf = (saq: keyof typeof SHIPPED): AnswerRow[] => answerRowsOf(SHIPPED[saq]);
const asked = (saq: keyof typeof SHIPPED): string[] =>
  rowsOf(saq)
    .filter((row) => !row.placeholder)
    .map((row) => row.requirementId);

function everyRow(rows: readonly AnswerRow[], answer: RowAnswer): Answers {
  return Object.fromEntries(rows.filter((row) => !row.placeholder).map((row) => [row.id, answer]));
}

describe('the rules on the shipped questionnaires', () => {
  it.each<[keyof typeof SHIPPED, number, number]>([
    ['A', 27, 0],
    ['A-EP', 151, 0],
    ['D-Merchant', 254, 20],
  ])('SAQ %s gives %d answer rows and %d placeholders', (saq, answerRows, placeholders) => {
    const rows = rowsOf(saq);
    expect(rows.filter((row) => !row.placeholder)).toHaveLength(answerRows);
    expect(rows.filter((row) => row.placeholder)).toHaveLength(placeholders);
  });

  it.each<keyof typeof SHIPPED>(['A', 'A-EP', 'D-Merchant'])(
    'SAQ %s asks 11.3.2, so ASV scans are due',
    (saq) => {
      const today = parseCalendarDate('2025-06-01') as CalendarDate;
      expect(asvSchedule({ rows: rowsOf(saq), lastPassingScan: null, today }).required).toBe(true);
    },
  );

  it.each<['A' | 'A-EP']>([['A'], ['A-EP']])(
    'the paper-only rows listed for SAQ %s are rows it asks',
    (saq) => {
      for (const requirementId of PAPER_RECORD_REQUIREMENTS[saq] ?? []) {
        expect(asked(saq)).toContain(requirementId);
      }
    },
  );

  it('the segmentation check fires only where 11.4.5 is asked', () => {
    const facts = {
      serviceProvidersListed: false,
      segmentationUsed: true,
      keepsPaperRecords: null,
    };
    const na: RowAnswer = {
      response: 'not-applicable',
      payload: { notApplicableExplanation: 'x' },
    };
    const findings = (saq: keyof typeof SHIPPED) =>
      consistencyFindings({ saq, rows: rowsOf(saq), answers: everyRow(rowsOf(saq), na), facts });

    expect(asked('A')).not.toContain('11.4.5');
    expect(findings('A').map((finding) => finding.code)).toEqual([]);
    expect(findings('A-EP').map((finding) => finding.code)).toEqual([
      'segmentation-test-not-applicable',
    ]);
  });

  it.each<[keyof typeof SHIPPED, boolean]>([
    ['A', false],
    ['A-EP', false],
    ['D-Merchant', true],
  ])('SAQ %s: Part 2g has an Appendix A2 line: %s', (saq, hasA2) => {
    const lines = part2gSummary(rowsOf(saq), {});
    expect(lines.some((line) => line.principal === 'A2')).toBe(hasA2);
  });

  it.each<[keyof typeof SHIPPED, SaqType]>([
    ['A', 'A'],
    ['A-EP', 'A-EP'],
    ['D-Merchant', 'D-Merchant'],
  ])(
    'SAQ %s all In Place with every statement ticked is Compliant; one unticked is not',
    (key, saq) => {
      const rows = rowsOf(key);
      const answers = everyRow(rows, { response: 'in-place' });
      const statements = SHIPPED[key].eligibility;
      const all = new Set(statements.map((statement) => statement.id));
      const allButOne = new Set([...all].slice(1));

      expect(
        assessOutcome({
          saq,
          rows,
          answers,
          eligibility: eligibilityConfirmations(statements, all),
        }).status,
      ).toBe('compliant');
      if (statements.length > 0) {
        expect(
          assessOutcome({
            saq,
            rows,
            answers,
            eligibility: eligibilityConfirmations(statements, allButOne),
          }).status,
        ).toBe('non-compliant');
      }
    },
  );
});
