import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { pdfsig, pdfsigAccepts, pdftotext } from '../report/fixtures/pdf-tools';
import { AssessmentService } from './assessment-service';
import { loadCatalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import { reportModelOf } from './report-model';
import {
  buildSampleAssessment,
  SAMPLE_ATTESTATION_DATES,
  SAMPLE_CCW_ROW,
  SAMPLE_MERCHANT,
  SAMPLE_NOT_APPLICABLE,
  SAMPLE_NOT_IN_PLACE_ROW,
} from './sample';
import { assessmentTestBed } from './testing';

const now = new Date('2026-11-20T10:00:00.000Z');
const progress: string[] = [];
const bed = assessmentTestBed({
  prefix: 'pci-saq-report-export-',
  now: () => now,
  progress: (done, total, stage) => progress.push(`${stage} ${String(done)}/${String(total)}`),
});
const { call, invoke } = bed;

beforeEach(() => {
  progress.length = 0;
});

describe('the report model of an assessment', () => {
  it('carries every row, the appendices, Part 3 and the audit stamp of the signature', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const service = new AssessmentService({
      vault: bed.vault.service,
      catalogue: () => loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger }),
      door: 'browser',
      log: silentLogger,
    });
    const state = await service.state(assessmentId);
    const signing = (await invoke('getAssessment', { assessmentId })).signing;
    const model = reportModelOf(state, {
      generatedAt: now.toISOString(),
      audit: { head: signing?.auditHead ?? '', length: signing?.auditLength ?? 0 },
    });

    expect(model.saq).toEqual({
      type: 'A',
      name: 'SAQ A',
      standardVersion: '4.0.1',
      revision: 'Revision 1 (January 2025)',
    });
    expect(model.merchant).toEqual(SAMPLE_MERCHANT);
    expect(model.answers.map((row) => row.id)).toEqual(state.questionnaire.answerRowIds);
    expect(model.answers.filter((row) => row.notApplicableReason !== null)).toHaveLength(
      Object.keys(SAMPLE_NOT_APPLICABLE).length,
    );
    expect(
      model.answers.filter((row) => row.compensatingControls !== null).map((row) => row.id),
    ).toEqual([SAMPLE_CCW_ROW]);
    expect(model.validation).toEqual({
      outcome: 'non-compliant',
      assessmentScope: null,
      targetDateForCompliance: SAMPLE_ATTESTATION_DATES.targetDateForCompliance,
      legalExceptions: [],
    });
    expect(model.executiveSummary.summary.find((line) => line.requirement === '12')).toMatchObject({
      responses: ['in-place', 'not-in-place'],
    });
    expect(model.executiveSummary.eligibility.every((statement) => statement.confirmed)).toBe(true);
    expect(model.merchantAttestation).toEqual({
      signerName: SAMPLE_MERCHANT.contactName,
      signerTitle: SAMPLE_MERCHANT.contactTitle,
      date: SAMPLE_ATTESTATION_DATES.signerDate,
      signature: { kind: 'typed', text: SAMPLE_MERCHANT.contactName },
    });
    expect(model.audit).toEqual({ head: signing?.auditHead, length: signing?.auditLength });
    expect(model.actionPlan).toBeNull();

    // Part 2f: each provider's answers pass through; the merchant-level answer
    // is Yes when any provider has it. The older merchant-level booleans are not
    // read (the screen never asked them), and an entry saved before the app
    // asked (no answers) is "not asked" (null).
    expect(model.executiveSummary.serviceProviders).toMatchObject({
      storeProcessTransmit: true,
      manageComponents: true,
      couldAffectSecurity: true,
      providers: [
        { storeProcessTransmit: true, manageComponents: false, couldAffectSecurity: true },
        { storeProcessTransmit: false, manageComponents: true, couldAffectSecurity: true },
      ],
    });
    const summary = state.record.payload.executiveSummary;
    const [payments, hosting] = summary.serviceProviders.providers;
    if (payments === undefined || hosting === undefined) throw new Error('sample has 2 providers');
    const withProviders = (providers: (typeof summary.serviceProviders.providers)[number][]) =>
      reportModelOf(
        {
          ...state,
          record: {
            ...state.record,
            payload: {
              ...state.record.payload,
              executiveSummary: {
                ...summary,
                serviceProviders: { ...summary.serviceProviders, providers },
              },
            },
          },
        },
        { generatedAt: now.toISOString(), audit: model.audit },
      ).executiveSummary.serviceProviders;
    const legacy = {
      ...hosting,
      storeProcessTransmit: null,
      manageComponents: null,
      couldAffectSecurity: null,
    };
    expect(
      withProviders([{ ...payments, couldAffectSecurity: false, manageComponents: false }, legacy]),
    ).toMatchObject({
      storeProcessTransmit: true,
      manageComponents: null,
      couldAffectSecurity: null,
      providers: [
        { storeProcessTransmit: true, manageComponents: false, couldAffectSecurity: false },
        { storeProcessTransmit: null, manageComponents: null, couldAffectSecurity: null },
      ],
    });
    expect(
      withProviders([{ ...payments, storeProcessTransmit: false, couldAffectSecurity: false }]),
    ).toMatchObject({
      storeProcessTransmit: false,
      manageComponents: false,
      couldAffectSecurity: false,
    });
    expect(withProviders([])).toMatchObject({
      storeProcessTransmit: null,
      manageComponents: null,
      couldAffectSecurity: null,
    });
  });
});

describe('exportReport', () => {
  it('refuses a draft', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke);
    await expect(call('exportReport', { assessmentId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_INCOMPLETE' },
    });
  });

  it('writes a signed PDF that pdfsig accepts, with progress, then marks it stale on reopen', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });

    const full = await invoke('exportReport', { assessmentId, variant: 'full' });
    const aoc = await invoke('exportReport', { assessmentId, variant: 'aoc' });
    const folder = join(bed.vault.root, 'exports');

    expect(readdirSync(folder).sort()).toEqual([aoc.fileName, full.fileName].sort());
    expect(full.fileName).toBe('Harbour-Lane-Ceramics-Ltd-SAQ-A-2026-11-20-report.pdf');
    expect(progress).toContain('signing 1/3');
    expect(full.certificateFingerprint).toBe(aoc.certificateFingerprint);

    const pdf = readFileSync(join(folder, full.fileName));
    expect(pdf.byteLength).toBe(full.bytes);
    const verdict = pdfsig(pdf);
    expect(verdict).toContain('Signature is Valid.');
    expect(pdfsigAccepts(verdict)).toBe(true);
    const text = pdftotext(pdf);
    expect(text).toContain(SAMPLE_MERCHANT.companyName);
    expect(text).toContain(SAMPLE_ATTESTATION_DATES.targetDateForCompliance);
    expect(text).toContain(SAMPLE_NOT_IN_PLACE_ROW);
    const aocText = pdftotext(readFileSync(join(folder, aoc.fileName)));
    expect(aocText).toContain(SAMPLE_MERCHANT.companyName);
    expect(aocText.length).toBeLessThan(text.length);

    await invoke('reopenAssessment', { assessmentId, reason: 'Correcting Part 2.' });
    const detail = await invoke('getAssessment', { assessmentId });
    expect(detail.exports.map((entry) => [entry.variant, entry.stale])).toEqual([
      ['full', true],
      ['aoc', true],
    ]);
  }, 60_000);
});
