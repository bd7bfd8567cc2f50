import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdftotext } from '../report/fixtures/pdf-tools';
import { buildSampleAssessment } from './sample';
import { assessmentTestBed } from './testing';

/**
 * Edits after creation: the title and period, saves from two windows at once,
 * the assessor's Part 3c/3d details, the SAQ-choice answers saved as they are
 * given, and the outcome shown while a draft is still being answered.
 */

const now = new Date('2026-11-20T10:00:00.000Z');
const bed = assessmentTestBed({ prefix: 'pci-saq-assessment-edits-', now: () => now });
const { call, invoke } = bed;

function auditEntries(): { action: string; summary: string }[] {
  return bed.vault.service
    .session()
    .read((database) =>
      database
        .prepare<[], { action: string; summary: string }>(
          'SELECT action, summary FROM audit_entries ORDER BY seq',
        )
        .all(),
    );
}

describe('the title and period after creation', () => {
  it('saves them, audited, and Home and the wizard show them', async () => {
    const created = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });

    const saved = await invoke('saveAssessmentDetails', {
      assessmentId: created.id,
      expectedRevision: created.revision,
      title: '  Harbour Lane 2026  ',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });

    expect(saved.revision).toBe(created.revision + 1);
    const [listed] = await invoke('listAssessments', {});
    expect(listed).toMatchObject({
      title: 'Harbour Lane 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      revision: saved.revision,
    });
    expect((await invoke('getAssessment', { assessmentId: created.id })).summary.title).toBe(
      'Harbour Lane 2026',
    );
    expect(auditEntries().map((entry) => entry.action)).toContain('assessment.details-saved');
  });

  it.each([
    ['an empty title', { title: '   ' }, 'title'],
    [
      'an end before the start',
      { periodStart: '2026-12-31', periodEnd: '2026-01-01' },
      'periodEnd',
    ],
    ['more than a year', { periodStart: '2026-01-01', periodEnd: '2027-06-30' }, 'periodEnd'],
    ['a mistyped year', { periodStart: '0026-01-01' }, 'periodStart'],
  ])('refuses %s and keeps what was there', async (_label, change, path) => {
    const created = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
      title: 'Before',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });

    const result = await call('saveAssessmentDetails', {
      assessmentId: created.id,
      title: 'After',
      periodStart: '2026-02-01',
      periodEnd: '2026-12-31',
      ...change,
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path } });
    expect((await invoke('listAssessments', {}))[0]).toMatchObject({
      title: 'Before',
      periodStart: '2026-01-01',
    });
  });

  it('refuses a period that ends before it starts when the assessment is created', async () => {
    const result = await call('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
      periodStart: '2026-12-31',
      periodEnd: '2026-01-01',
    });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'periodEnd' },
    });
    expect(await invoke('listAssessments', {})).toEqual([]);
  });

  it('is refused on a signed assessment and from a stale window', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const details = { assessmentId, title: 'Renamed', periodStart: null, periodEnd: null };

    await expect(call('saveAssessmentDetails', details)).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_SIGNED' },
    });

    await invoke('reopenAssessment', { assessmentId, reason: 'Fix the title' });
    const { revision } = (await invoke('getAssessment', { assessmentId })).summary;
    await invoke('saveAssessmentDetails', { ...details, expectedRevision: revision });
    await expect(
      call('saveAssessmentDetails', { ...details, title: 'Other', expectedRevision: revision }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'STALE_REVISION' } });
    expect((await invoke('getAssessment', { assessmentId })).summary.title).toBe('Renamed');
  });
});

describe('saves from a window that has not seen another window’s change', () => {
  it('are refused on every section, and nothing is overwritten', async () => {
    const { id, revision } = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
    });
    await invoke('saveAssessmentDetails', {
      assessmentId: id,
      expectedRevision: revision,
      title: 'Saved by the other window',
      periodStart: null,
      periodEnd: null,
    });
    const stale = { assessmentId: id, expectedRevision: revision };

    const attempts: [string, Record<string, unknown>][] = [
      ['saveAssessmentDetails', { title: 'Late', periodStart: null, periodEnd: null }],
      ['saveMerchantProfile', { merchant: { companyName: 'Late Ltd' }, assessor: {} }],
      ['saveLevelInputs', { inputs: {} }],
      ['saveSaqAnswers', { profile: { serviceProvider: true } }],
      [
        'saveSaqChoice',
        {
          profile: { serviceProvider: false },
          questionnaireId: 'saq-a-v4.0.1-r1',
          overrideReason: 'x',
        },
      ],
      ['saveExecutiveSummary', { summary: { keepsPaperRecords: true } }],
      ['saveAttestation', { attestation: { completionDate: '2026-11-20' } }],
      ['saveDueDates', { lastPassingAsvScanOn: '2026-10-01' }],
      ['signAssessment', {}],
    ];
    for (const [name, input] of attempts) {
      await expect(call(name, { ...stale, ...input }), name).resolves.toMatchObject({
        ok: false,
        error: { code: 'STALE_REVISION' },
      });
    }

    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.summary).toMatchObject({
      title: 'Saved by the other window',
      revision: revision + 1,
    });
    expect(detail.merchant.companyName).toBe('');
    expect(detail.saqChoice.profile).toBeNull();
    expect(detail.attestation.completionDate).toBeNull();
  });
});

describe('the SAQ-choice answers', () => {
  const recommendedForA = {
    serviceProvider: false,
    storesAccountDataElectronically: false,
    merchantSystemsHandleAccountData: false,
    processingOutsourcedToCompliantProviders: true,
    providersConfirmedCompliant: true,
    paperOnlyRetention: true,
    ecommerce: {
      integration: 'full-redirect',
      allPageElementsFromProvider: true,
      scriptProtection: null,
      pageElementsOnlyFromMerchantOrCompliantProvider: null,
      websiteHostedBy: 'compliant-provider',
    },
  } as const;

  it('save as they are given, without choosing an SAQ, audited', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });

    const saved = await invoke('saveSaqAnswers', {
      assessmentId: id,
      profile: { serviceProvider: false, storesAccountDataElectronically: false },
    });

    expect(saved.recommendation.saqs).toEqual([]);
    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.saqChoice.profile).toMatchObject({
      serviceProvider: false,
      storesAccountDataElectronically: false,
      merchantSystemsHandleAccountData: null,
    });
    expect(detail.saqChoice.selection).toBeNull();
    expect(auditEntries().map((entry) => entry.action)).toContain('assessment.saq-answers-saved');
  });

  it('that no longer recommend the chosen SAQ make the choice an override needing a reason', async () => {
    const { id, questionnaireId } = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
    });
    await invoke('saveSaqChoice', { assessmentId: id, profile: recommendedForA, questionnaireId });
    const blocking = async () =>
      (await invoke('getReview', { assessmentId: id })).items.filter(
        (item) => item.target.screen === 'saq' && item.blocksSigning,
      );
    expect(await blocking()).toEqual([]);

    // Card data now reaches the merchant's own servers: SAQ A no longer fits.
    await invoke('saveSaqAnswers', {
      assessmentId: id,
      profile: {
        ...recommendedForA,
        ecommerce: { ...recommendedForA.ecommerce, integration: 'merchant-receives-card-data' },
      },
    });

    const items = await blocking();
    expect(items).toHaveLength(1);
    expect(items[0]?.message).toContain('Give a reason');
    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.saqChoice.selection).toMatchObject({ saq: 'A', overridden: true });
    expect(detail.saqChoice.selection?.warnings.join(' ')).toContain('Give a reason');

    await invoke('saveSaqChoice', {
      assessmentId: id,
      profile: detail.saqChoice.profile ?? recommendedForA,
      questionnaireId,
      overrideReason: 'Our acquirer told us to complete SAQ A this year.',
    });
    expect(await blocking()).toEqual([]);
  });
});

describe('the outcome while a draft is answered', () => {
  it('is in progress until every row has a response, then the Part 3 result', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    expect((await invoke('listAssessments', {}))[0]?.outcome).toBe('in-progress');

    const saved = await invoke('saveAnswer', {
      assessmentId: id,
      rowId: '12.10.1',
      response: 'not-in-place',
    });
    expect(saved).toMatchObject({ outcome: 'in-progress', progress: { answered: 1 } });

    const { assessmentId, answeredRows } = await buildSampleAssessment(invoke);
    const sample = (await invoke('listAssessments', {})).find((item) => item.id === assessmentId);
    expect(sample).toMatchObject({
      outcome: 'non-compliant',
      progress: { answered: answeredRows, total: answeredRows },
    });
  });
});

describe('Part 3c and 3d when an assessor took part', () => {
  const QSA = {
    companyName: 'Example Assurance LLP',
    mailingAddress: '1 Audit Way, Leeds LS1 2XX',
    website: 'https://assurance.example.org',
    leadAssessorName: 'Priya Raman',
    leadAssessorPhone: '+44 113 496 0001',
    leadAssessorEmail: 'priya.raman@assurance.example.org',
    leadAssessorCertificate: 'QSA-0000-EXAMPLE',
  };

  async function withAssessors() {
    const { assessmentId } = await buildSampleAssessment(invoke);
    const detail = await invoke('getAssessment', { assessmentId });
    await invoke('saveMerchantProfile', {
      assessmentId,
      merchant: detail.merchant,
      assessor: { isaNames: ['Marek Nowak'], qsa: QSA },
    });
    const view = detail.attestation;
    const attestation = {
      targetDateForCompliance: view.targetDateForCompliance,
      completionDate: view.completionDate,
      acknowledgements: view.acknowledgements,
      signer: view.signer,
      acquirerAskedForActionPlan: view.acquirerAskedForActionPlan,
      actionPlan: view.actionPlan,
    };
    return { assessmentId, attestation };
  }

  const blockingOn = async (assessmentId: string) =>
    (await invoke('getReview', { assessmentId })).items
      .filter((item) => item.blocksSigning)
      .map((item) => item.target.field);

  it('are asked for, with the company and the people, before signing', async () => {
    const { assessmentId, attestation } = await withAssessors();
    expect(await blockingOn(assessmentId)).toEqual(['qsaInvolvement', 'isaInvolvement']);

    await invoke('saveAttestation', {
      assessmentId,
      attestation: {
        ...attestation,
        qsaInvolvement: { role: 'other-assistance', description: 'Reviewed scoping.' },
        isaInvolvement: {
          role: 'performed-testing',
          description: 'Tested requirements 1 to 12.',
          company: 'Harbour Lane Ceramics Ltd',
          names: ['  '],
        },
      },
    });

    expect(await blockingOn(assessmentId)).toEqual([
      'qsaInvolvement.company',
      'qsaInvolvement.names',
      'isaInvolvement.names',
    ]);
  });

  it('print the assessors’ company and names under blank signature lines', async () => {
    const { assessmentId, attestation } = await withAssessors();
    await invoke('saveAttestation', {
      assessmentId,
      attestation: {
        ...attestation,
        qsaInvolvement: {
          role: 'other-assistance',
          description: 'Reviewed the scoping of the environment.',
          company: QSA.companyName,
          names: [QSA.leadAssessorName, 'Tomas Lindqvist'],
        },
        isaInvolvement: {
          role: 'performed-testing',
          description: 'Tested requirements 1 to 12.',
          company: 'Harbour Lane Ceramics Ltd',
          names: ['Marek Nowak'],
        },
      },
    });
    await invoke('signAssessment', { assessmentId });

    const exported = await invoke('exportReport', { assessmentId, variant: 'aoc' });
    const text = pdftotext(readFileSync(join(bed.vault.root, 'exports', exported.fileName)));
    const part3c = text.slice(text.indexOf('Part 3c.'), text.indexOf('Part 3d.'));
    const part3d = text.slice(text.indexOf('Part 3d.'));

    expect(part3c).toContain(QSA.companyName);
    expect(part3c).toContain('Reviewed the scoping of the environment.');
    expect(part3c).toContain('Priya Raman');
    expect(part3c).toContain('Tomas Lindqvist');
    expect(part3c.match(/Signature/g)).toHaveLength(2);
    expect(part3d).toContain('Marek Nowak');
    expect(part3d).toContain('Harbour Lane Ceramics Ltd');
  }, 60_000);
});

describe('Part 2f asked of each service provider', () => {
  it('lists each unanswered question as missing, blocking signing, and prints the answers', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke);
    const part2fItems = async () =>
      (await invoke('getReview', { assessmentId })).items.filter((item) =>
        item.message.startsWith('Part 2f'),
      );
    expect(await part2fItems()).toEqual([]);

    const summary = (await invoke('getAssessment', { assessmentId })).executiveSummary;
    const [payments, hosting] = summary.serviceProviders.providers;
    if (payments === undefined || hosting === undefined) throw new Error('sample has 2 providers');
    // As saved before the app asked: the three answers absent from the entry.
    const legacy = { name: hosting.name, services: hosting.services };
    await invoke('saveExecutiveSummary', {
      assessmentId,
      summary: {
        ...summary,
        serviceProviders: {
          ...summary.serviceProviders,
          providers: [{ ...payments, manageComponents: null }, legacy],
        },
      },
    });

    const missing = await part2fItems();
    expect(missing.map((item) => [item.target.field, item.blocksSigning])).toEqual([
      ['serviceProviders.providers.0.manageComponents', true],
      ['serviceProviders.providers.1.storeProcessTransmit', true],
      ['serviceProviders.providers.1.manageComponents', true],
      ['serviceProviders.providers.1.couldAffectSecurity', true],
    ]);
    expect(missing[0]?.message).toContain(payments.name);
    await expect(call('signAssessment', { assessmentId })).resolves.toMatchObject({ ok: false });

    await invoke('saveExecutiveSummary', {
      assessmentId,
      summary: {
        ...summary,
        serviceProviders: {
          ...summary.serviceProviders,
          providers: [
            { ...payments, storeProcessTransmit: true, manageComponents: false },
            {
              ...legacy,
              storeProcessTransmit: false,
              manageComponents: true,
              couldAffectSecurity: false,
            },
          ],
        },
      },
    });
    expect(await part2fItems()).toEqual([]);
    await invoke('signAssessment', { assessmentId });

    const exported = await invoke('exportReport', { assessmentId, variant: 'aoc' });
    const text = pdftotext(readFileSync(join(bed.vault.root, 'exports', exported.fileName)));
    const part2f = text.slice(text.indexOf('Part 2f.'), text.indexOf('Part 2g.'));
    // Each provider's row carries its three answers in column order (names wrap
    // in their column: the answers print on the row's first line).
    expect(part2f).toMatch(/Stores, +Manages +Could affect\n/);
    expect(part2f).toMatch(/Example Payments +Payment page and card +Yes +No +Yes\n/);
    expect(part2f).toMatch(/Example Shop +Hosting of the shop website +No +Yes +No\n/);
    expect(part2f).not.toContain('Not asked');
  }, 60_000);
});
