import { beforeEach, describe, expect, it } from 'vitest';
import { createEvidenceService, type EvidenceService } from '../evidence/evidence-service';
import { silentLogger } from '../log/logger';
import {
  buildSampleAssessment,
  SAMPLE_CCW_ROW,
  SAMPLE_MERCHANT,
  SAMPLE_NOT_APPLICABLE,
  SAMPLE_NOT_IN_PLACE_ROW,
} from './sample';
import { assessmentTestBed } from './testing';

let evidence: EvidenceService;
/** The test clock: the day the sample is completed. */
let now = new Date('2026-11-20T10:00:00.000Z');
const bed = assessmentTestBed({
  prefix: 'pci-saq-assessments-',
  now: () => now,
  withEvidence: true,
});
const { call, invoke } = bed;

beforeEach(() => {
  now = new Date('2026-11-20T10:00:00.000Z');
  evidence = createEvidenceService(bed.vault.service, { door: 'browser', log: silentLogger });
});

/** Every text the vault's tables hold where user words could land. */
function storedText(): string {
  return bed.vault.service
    .session()
    .read((database) =>
      [
        'SELECT * FROM answers',
        'SELECT * FROM answer_history',
        'SELECT * FROM assessments',
        'SELECT * FROM merchant_profiles',
        'SELECT * FROM attestations',
        'SELECT * FROM audit_entries',
      ]
        .map((query) => JSON.stringify(database.prepare(query).all()))
        .join('\n'),
    );
}

function auditActions(): string[] {
  return bed.vault.service.session().read((database) =>
    database
      .prepare<[], { action: string }>('SELECT action FROM audit_entries ORDER BY seq')
      .all()
      .map((row) => row.action),
  );
}

async function* bytes(text: string) {
  await Promise.resolve();
  yield Buffer.from(text);
}

describe('the sample SAQ A assessment', () => {
  it('is complete, Non-Compliant with one Not in Place, and ready to sign', async () => {
    const { assessmentId, answeredRows } = await buildSampleAssessment(invoke);
    const detail = await invoke('getAssessment', { assessmentId });
    const review = await invoke('getReview', { assessmentId });

    expect(detail.questionnaire).toMatchObject({ saqType: 'A', official: true });
    expect(detail.merchant).toEqual(SAMPLE_MERCHANT);
    expect(detail.summary.progress).toEqual({ answered: answeredRows, total: answeredRows });
    expect(detail.outcome).toMatchObject({
      status: 'non-compliant',
      notInPlaceRowIds: [SAMPLE_NOT_IN_PLACE_ROW],
      targetDateRequired: true,
      unansweredRowIds: [],
      incompleteRowIds: [],
    });
    expect(detail.answers.filter((answer) => answer.response === 'not-applicable')).toHaveLength(
      Object.keys(SAMPLE_NOT_APPLICABLE).length,
    );
    expect(detail.answers.find((answer) => answer.rowId === SAMPLE_CCW_ROW)).toMatchObject({
      response: 'in-place-ccw',
      problems: [],
    });
    expect(detail.saqChoice.selection).toMatchObject({ saq: 'A', overridden: false });
    expect(detail.level.result?.visa.level).toBe(3);
    expect(review.items.filter((item) => item.blocksSigning)).toEqual([]);
    expect(review.consistency).toEqual([]);
    expect(review.readyToSign).toBe(true);
    expect(review.part2g.find((line) => line.principal === '12')?.used).toMatchObject({
      'in-place': true,
      'not-in-place': true,
      'not-applicable': false,
    });
  });
});

describe('assessment operations', () => {
  it('create, list and get a new assessment with its pinned questionnaire', async () => {
    const created = await invoke('createAssessment', {
      questionnaireId: 'saq-d-merchant-v4.0.1',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });
    const list = await invoke('listAssessments', {});
    const detail = await invoke('getAssessment', { assessmentId: created.id });

    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: created.id,
      saqType: 'D-Merchant',
      status: 'draft',
      progress: { answered: 0 },
      outcome: 'in-progress',
      changedSinceSigned: false,
    });
    expect(list[0]?.progress.total).toBeGreaterThan(200);
    expect(detail.questionnaire).toMatchObject({
      id: 'saq-d-merchant-v4.0.1',
      definitionChanged: false,
    });
    expect(detail.questionnaire.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.attestation.acknowledgementList.map((statement) => statement.id)).toContain(
      'asv-scans',
    );
    expect(auditActions()).toContain('assessment.created');
  });

  it('saves an answer with history and audit, returns what it lacks, refuses what the SAQ does not offer', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });

    const first = await invoke('saveAnswer', {
      assessmentId: id,
      rowId: '9.4.2',
      response: 'not-applicable',
      payload: {},
      expectedRevision: 0,
    });
    expect(first.answer).toMatchObject({ revision: 1, carriedOver: false });
    expect(first.answer.problems.map((problem) => problem.field)).toEqual([
      'notApplicableExplanation',
    ]);
    expect(first.progress.answered).toBe(1);

    const second = await invoke('saveAnswer', {
      assessmentId: id,
      rowId: '9.4.2',
      response: 'not-applicable',
      payload: { notApplicableExplanation: 'No media with cardholder data exists.' },
      notes: 'Checked with the office manager.',
      expectedRevision: 1,
    });
    expect(second.answer).toMatchObject({ revision: 2, problems: [] });

    await expect(
      call('saveAnswer', {
        assessmentId: id,
        rowId: '9.4.2',
        response: 'in-place',
        expectedRevision: 1,
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'STALE_REVISION', path: '9.4.2' } });
    await expect(
      call('saveAnswer', { assessmentId: id, rowId: '2.2.2', response: 'not-tested' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'response' } });
    await expect(
      call('saveAnswer', { assessmentId: id, rowId: '1.1.1', response: 'in-place' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND', path: 'rowId' } });

    const history = bed.vault.service
      .session()
      .read((database) =>
        database
          .prepare<[string], { revision: number }>(
            'SELECT revision FROM answer_history WHERE assessment_id = ? ORDER BY id',
          )
          .all(id),
      );
    expect(history.map((row) => row.revision)).toEqual([1, 2]);
    expect(auditActions().filter((action) => action === 'answer.saved')).toHaveLength(2);
    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.answers).toEqual([
      expect.objectContaining({
        rowId: '9.4.2',
        notes: 'Checked with the office manager.',
        payload: { notApplicableExplanation: 'No media with cardholder data exists.' },
      }),
    ]);
  });

  it('detects a stale section save from another window', async () => {
    const { id, revision } = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
    });
    const saved = await invoke('saveDueDates', {
      assessmentId: id,
      expectedRevision: revision,
      lastPassingAsvScanOn: '2026-10-01',
    });
    expect(saved.revision).toBe(revision + 1);

    await expect(
      call('saveMerchantProfile', {
        assessmentId: id,
        expectedRevision: revision,
        merchant: { companyName: 'Other window Ltd' },
        assessor: {},
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'STALE_REVISION' } });
    expect((await invoke('getAssessment', { assessmentId: id })).merchant.companyName).toBe('');
  });

  it('refuses test card numbers on every free-text path without storing or echoing them', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    const attempts: [string, unknown, string][] = [
      [
        'saveAnswer',
        {
          assessmentId: id,
          rowId: '8.3.6',
          response: 'in-place',
          notes: 'card 4111 1111 1111 1111',
        },
        'notes',
      ],
      [
        'saveAnswer',
        {
          assessmentId: id,
          rowId: SAMPLE_CCW_ROW,
          response: 'in-place-ccw',
          payload: { ccw: { validation: 'tested with 5555555555554444' } },
        },
        'payload.ccw.validation',
      ],
      [
        'saveMerchantProfile',
        { assessmentId: id, merchant: { dba: '378282246310005' }, assessor: {} },
        'merchant.dba',
      ],
      [
        'saveExecutiveSummary',
        {
          assessmentId: id,
          summary: { environment: { description: 'e.g. 6011 1111 1111 1117 in logs' } },
        },
        'summary.environment.description',
      ],
      [
        'saveAttestation',
        {
          assessmentId: id,
          attestation: { signer: { name: 'A', title: '4111-1111-1111-1111' } },
        },
        'attestation.signer.title',
      ],
    ];

    for (const [name, input, path] of attempts) {
      const result = await call(name, input);
      expect(result, name).toMatchObject({
        ok: false,
        error: { code: 'CARD_DATA_DETECTED', path },
      });
      expect(JSON.stringify(result)).not.toMatch(/4111|5555|3782|6011/);
    }
    const text = storedText();
    for (const digits of [
      '4111111111111111',
      '5555555555554444',
      '378282246310005',
      '6011111111111117',
    ]) {
      expect(text).not.toContain(digits);
      expect(text).not.toContain(digits.slice(0, 4));
    }
  });

  it('needs a reason to choose another SAQ than recommended, records it and re-pins', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    const profile = {
      serviceProvider: false,
      storesAccountDataElectronically: false,
      merchantSystemsHandleAccountData: false,
      processingOutsourcedToCompliantProviders: true,
      providersConfirmedCompliant: true,
      paperOnlyRetention: true,
      ecommerce: {
        integration: 'embedded-form' as const,
        allPageElementsFromProvider: true,
        scriptProtection: 'provider-confirmation' as const,
        pageElementsOnlyFromMerchantOrCompliantProvider: true,
        websiteHostedBy: 'compliant-provider' as const,
      },
    };
    await expect(
      call('saveSaqChoice', { assessmentId: id, profile, questionnaireId: 'saq-a-ep-v4.0.1' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'overrideReason' },
    });

    const chosen = await invoke('saveSaqChoice', {
      assessmentId: id,
      profile,
      questionnaireId: 'saq-a-ep-v4.0.1',
      overrideReason: 'Our acquirer asked for SAQ A-EP this year.',
    });
    expect(chosen.selection).toMatchObject({
      saq: 'A-EP',
      recommended: 'A',
      overridden: true,
      reason: 'Our acquirer asked for SAQ A-EP this year.',
    });
    expect(chosen.questionnaire).toMatchObject({ id: 'saq-a-ep-v4.0.1', saqType: 'A-EP' });
    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.summary.saqType).toBe('A-EP');
    expect(detail.saqChoice.selection?.warnings.join(' ')).toMatch(/eligibility statement/);
    expect(auditActions()).toContain('assessment.saq-overridden');
  });

  it('computes the level and validation path, and asks for the assessor where the level needs one', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    const saved = await invoke('saveLevelInputs', {
      assessmentId: id,
      inputs: { mastercard: { ecommerce: 2_500_000 } },
    });
    expect(saved.result.mastercard.level).toBe(2);
    expect(saved.validationPath.assessorDetailsRequired).toBe(true);

    const assessorItem = (await invoke('getReview', { assessmentId: id })).items.find(
      (item) => item.target.field === 'assessor',
    );
    expect(assessorItem).toMatchObject({ blocksSigning: true, target: { screen: 'profile' } });

    await invoke('saveMerchantProfile', {
      assessmentId: id,
      merchant: SAMPLE_MERCHANT,
      assessor: { isaNames: ['Sam Internal'] },
    });
    const review = await invoke('getReview', { assessmentId: id });
    expect(review.items.some((item) => item.target.field === 'assessor')).toBe(false);
    expect(review.items.find((item) => item.target.field === 'isaInvolvement')).toMatchObject({
      blocksSigning: true,
      target: { screen: 'attestation' },
    });
    const detail = await invoke('getAssessment', { assessmentId: id });
    expect(detail.level.validationPath?.assessorDetailsRequired).toBe(true);
    expect(detail.assessor.isaNames).toEqual(['Sam Internal']);

    await invoke('saveLevelInputs', {
      assessmentId: id,
      inputs: { visa: { ecommerce: 7_000_000 } },
    });
    const gap = (await invoke('getReview', { assessmentId: id })).items.find(
      (item) => item.target.screen === 'level',
    );
    expect(gap).toMatchObject({ severity: 'advice', blocksSigning: false });
    expect(gap?.message).toMatch(/Report on Compliance/);
  });

  it('still lists an assessment whose questionnaire is no longer on this computer', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    bed.vault.service
      .session()
      .write('browser', ({ database }) =>
        database
          .prepare("UPDATE assessments SET questionnaire_id = 'removed-definition' WHERE id = ?")
          .run(id),
      );

    expect(await invoke('listAssessments', {})).toEqual([
      expect.objectContaining({ id, questionnaireMissing: true, due: [] }),
    ]);
    await expect(call('getAssessment', { assessmentId: id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('remembers where the user was', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    await invoke('setResumePosition', {
      assessmentId: id,
      position: { screen: 'questionnaire', rowId: '8.3.6' },
    });
    expect((await invoke('getAssessment', { assessmentId: id })).resume).toEqual({
      screen: 'questionnaire',
      rowId: '8.3.6',
    });
  });

  it('accepts a drawn signature as a PNG data URL within the size limit only', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    const pngBytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(300),
    ]);
    const png = `data:image/png;base64,${pngBytes.toString('base64')}`;
    await invoke('saveAttestation', {
      assessmentId: id,
      attestation: { signer: { signature: { kind: 'drawn', pngDataUrl: png } } },
    });
    expect(
      (await invoke('getAssessment', { assessmentId: id })).attestation.signer.signature,
    ).toEqual({ kind: 'drawn', pngDataUrl: png });

    const notPng = `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}`;
    await expect(
      call('saveAttestation', {
        assessmentId: id,
        attestation: { signer: { signature: { kind: 'drawn', pngDataUrl: notPng } } },
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'attestation.signer.signature.pngDataUrl' },
    });
    const huge = `data:image/png;base64,${'A'.repeat(300 * 1024)}`;
    await expect(
      call('saveAttestation', {
        assessmentId: id,
        attestation: { signer: { signature: { kind: 'drawn', pngDataUrl: huge } } },
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('signing and reopening', () => {
  it('refuses to sign an incomplete assessment and points at the first gap', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });
    await expect(call('signAssessment', { assessmentId: id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_INCOMPLETE', path: 'profile/merchant.companyName' },
    });
  });

  it('refuses to sign with dates in the future or a typed signature that is not the signer', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke);
    const detail = await invoke('getAssessment', { assessmentId });
    const attestation = {
      completionDate: '2026-11-20',
      targetDateForCompliance: '2027-03-31',
      acknowledgements: detail.attestation.acknowledgementList.map((statement) => statement.id),
      signer: {
        name: 'Morgan Ellis',
        title: 'Director',
        date: '2026-11-20',
        signature: { kind: 'typed' as const, text: 'morgan  ellis' },
      },
    };

    await invoke('saveAttestation', {
      assessmentId,
      attestation: {
        ...attestation,
        completionDate: '2099-12-31',
        targetDateForCompliance: '2100-03-31',
      },
    });
    await expect(call('signAssessment', { assessmentId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_INCOMPLETE' },
    });
    const review = await invoke('getReview', { assessmentId });
    const futureFields = review.items
      .filter((item) => item.message.includes('cannot be in the future'))
      .map((item) => item.target.field);
    expect(futureFields).toContain('completionDate');

    await invoke('saveAttestation', {
      assessmentId,
      attestation: {
        ...attestation,
        signer: { ...attestation.signer, signature: { kind: 'typed', text: 'Someone Else' } },
      },
    });
    await expect(call('signAssessment', { assessmentId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_INCOMPLETE', path: 'attestation/signer.signature' },
    });

    // The same name in another case and spacing is the signer's own; one day ahead is allowed for time zones.
    await invoke('saveAttestation', {
      assessmentId,
      attestation: {
        ...attestation,
        completionDate: '2026-11-21',
        signer: { ...attestation.signer, date: '2026-11-21' },
      },
    });
    await expect(call('signAssessment', { assessmentId })).resolves.toMatchObject({ ok: true });
  });

  it('freezes a signed assessment, and reopening is audited and marks exports stale', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke);
    const signed = await invoke('signAssessment', { assessmentId });
    const head = bed.vault.service.status().audit;

    expect(signed.summary.status).toBe('signed');
    expect({ head: signed.auditHead, length: signed.auditLength }).toEqual(head);
    await expect(
      call('saveAnswer', { assessmentId, rowId: '8.3.6', response: 'not-in-place' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ASSESSMENT_SIGNED' } });
    await expect(
      call('saveMerchantProfile', { assessmentId, merchant: {}, assessor: {} }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ASSESSMENT_SIGNED' } });
    await expect(call('signAssessment', { assessmentId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_SIGNED' },
    });
    const detail = await invoke('getAssessment', { assessmentId });
    expect(detail.signing).toEqual({
      signedAt: now.toISOString(),
      auditHead: signed.auditHead,
      auditLength: signed.auditLength,
    });
    expect(detail.exportsStale).toBe(false);

    await expect(call('reopenAssessment', { assessmentId, reason: ' ' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const reopened = await invoke('reopenAssessment', {
      assessmentId,
      reason: 'The incident response plan was approved; updating 12.10.1.',
    });
    expect(reopened).toMatchObject({ status: 'draft', changedSinceSigned: false });
    expect(auditActions().slice(-2)).toEqual(['assessment.signed', 'assessment.reopened']);
    expect((await invoke('getAssessment', { assessmentId })).exportsStale).toBe(true);

    await invoke('saveAnswer', {
      assessmentId,
      rowId: SAMPLE_NOT_IN_PLACE_ROW,
      response: 'in-place',
    });
    const [summary] = await invoke('listAssessments', {});
    expect(summary).toMatchObject({ changedSinceSigned: true, outcome: 'compliant' });
  });
});

describe('due items and next year', () => {
  it('lists the annual attestation, quarterly ASV scan, provider re-confirmation and expiring evidence', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const { item } = await evidence.importEvidence(bytes('provider AOC'), {
      title: 'Payment provider AOC',
      fileName: 'provider-aoc.pdf',
      mediaType: 'application/pdf',
      kind: 'service-provider-aoc',
      effectiveOn: '2026-02-01',
      expiresOn: '2026-12-01',
    });
    await call('linkEvidence', { id: item.id, assessmentId, rowId: '12.8.4' });

    const [summary] = await invoke('listAssessments', {});
    expect(summary?.due).toEqual([
      expect.objectContaining({
        kind: 'annual-attestation',
        dueOn: '2027-11-20',
        status: 'upcoming',
      }),
      expect.objectContaining({ kind: 'asv-scan', dueOn: '2027-01-15', status: 'upcoming' }),
      expect.objectContaining({
        kind: 'service-provider-reconfirmation',
        dueOn: '2027-09-30',
        status: 'upcoming',
      }),
      expect.objectContaining({
        kind: 'evidence-expiry',
        dueOn: '2026-12-01',
        status: 'due-soon',
        evidenceId: item.id,
      }),
    ]);

    now = new Date('2027-01-20T10:00:00.000Z');
    const [later] = await invoke('listAssessments', {});
    expect(later?.due.find((due) => due.kind === 'asv-scan')?.status).toBe('overdue');
    expect(later?.due.find((due) => due.kind === 'evidence-expiry')?.status).toBe('overdue');
  });

  it("starts next year's assessment from last year's: drafts to re-confirm, rows mapped, links kept", async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const { item } = await evidence.importEvidence(bytes('scan report'), {
      title: 'ASV scan Q3',
      fileName: 'scan.pdf',
      mediaType: 'application/pdf',
      kind: 'asv-scan',
      effectiveOn: '2026-10-15',
      expiresOn: '2027-01-15',
    });
    await call('linkEvidence', { id: item.id, assessmentId, rowId: '11.3.2' });
    now = new Date('2027-11-02T09:00:00.000Z');

    // To SAQ A-EP: rows of SAQ A map by requirement ID; A-EP adds many.
    const next = await invoke('createNextYearAssessment', {
      previousAssessmentId: assessmentId,
      questionnaireId: 'saq-a-ep-v4.0.1',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    const previous = await invoke('getAssessment', { assessmentId });
    const detail = await invoke('getAssessment', { assessmentId: next.assessment.id });
    const aep = await invoke('getReview', { assessmentId: next.assessment.id });

    const previousRows = previous.answers.map((answer) => answer.rowId);
    expect(next.copiedRowIds.length).toBeGreaterThan(0);
    expect([...next.copiedRowIds, ...next.removedRowIds].sort()).toEqual([...previousRows].sort());
    expect(next.addedRowIds.length).toBe(aep.progress.total - next.copiedRowIds.length);
    expect(next.removedRowIds.every((row) => !next.copiedRowIds.includes(row))).toBe(true);
    for (const answer of detail.answers) {
      expect(answer.carriedOver).toBe(true);
      const source = previous.answers.find((candidate) => candidate.rowId === answer.rowId);
      expect(answer.response).toBe(source?.response);
      expect(answer.payload).toEqual(source?.payload);
    }
    expect(detail.merchant).toEqual(previous.merchant);
    expect(detail.summary).toMatchObject({ status: 'draft', periodStart: '2027-01-01' });
    expect(detail.signing).toBeNull();
    expect(detail.attestation).toMatchObject({
      completionDate: null,
      targetDateForCompliance: null,
      acknowledgements: [],
      signer: { name: '', date: null, signature: null },
    });
    expect(detail.eligibility.every((statement) => !statement.confirmed)).toBe(true);
    expect(detail.previousAssessmentId).toBe(assessmentId);
    expect(next.evidenceLinksKept).toBe(1);
    expect(next.expiredEvidence).toEqual([
      { evidenceId: item.id, title: 'ASV scan Q3', expiresOn: '2027-01-15', rowIds: ['11.3.2'] },
    ]);
    expect(
      aep.items
        .filter((entry) => entry.severity === 'reconfirm')
        .map((entry) => entry.target.rowId),
    ).toEqual(expect.arrayContaining(next.copiedRowIds.filter((row) => row !== '8.3.9')));
    expect(aep.readyToSign).toBe(false);

    // Saving a copied row again confirms it.
    const confirmed = await invoke('saveAnswer', {
      assessmentId: next.assessment.id,
      rowId: '8.3.6',
      response: 'in-place',
      expectedRevision: 1,
    });
    expect(confirmed.answer.carriedOver).toBe(false);
  });

  it('maps same-SAQ rows one to one with nothing added or removed', async () => {
    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const next = await invoke('createNextYearAssessment', { previousAssessmentId: assessmentId });
    const previous = await invoke('getAssessment', { assessmentId });

    expect(next.addedRowIds).toEqual([]);
    expect(next.removedRowIds).toEqual([]);
    expect(next.copiedRowIds).toEqual(previous.answers.map((answer) => answer.rowId));
    expect(next.assessment.saqType).toBe('A');
  });
});

describe("next year's assessment from a draft", () => {
  it("takes last year's title and the following year, and lists no row as added when only unanswered", async () => {
    const { id } = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
      title: 'Harbour Lane 2026 annual SAQ',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });
    await invoke('saveAnswer', { assessmentId: id, rowId: '8.3.6', response: 'in-place' });

    const next = await invoke('createNextYearAssessment', { previousAssessmentId: id });
    expect(next.assessment).toMatchObject({
      title: 'Harbour Lane 2027 annual SAQ',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    expect(next.copiedRowIds).toEqual(['8.3.6']);
    expect(next.addedRowIds).toEqual([]);
    expect(next.removedRowIds).toEqual([]);

    // A title without a year says so; a period not known stays open.
    const { id: undated } = await invoke('createAssessment', {
      questionnaireId: 'saq-a-v4.0.1-r1',
      title: 'Harbour Lane shop',
    });
    const following = await invoke('createNextYearAssessment', { previousAssessmentId: undated });
    expect(following.assessment).toMatchObject({
      title: 'Harbour Lane shop (next year)',
      periodStart: null,
      periodEnd: null,
    });
  });
});

describe('dates recorded on Home', () => {
  it('refuses a future ASV scan or provider re-confirmation date at its field, by the vault clock', async () => {
    const { id } = await invoke('createAssessment', { questionnaireId: 'saq-a-v4.0.1-r1' });

    for (const field of ['lastPassingAsvScanOn', 'serviceProvidersConfirmedOn'] as const) {
      const refused = await call('saveDueDates', {
        assessmentId: id,
        lastPassingAsvScanOn: null,
        serviceProvidersConfirmedOn: null,
        [field]: '2026-11-25',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: field } });
      expect(JSON.stringify(refused)).toContain('cannot be in the future');
    }
    expect((await invoke('getAssessment', { assessmentId: id })).dueDates).toEqual({
      lastPassingAsvScanOn: null,
      serviceProvidersConfirmedOn: null,
    });

    // Today (and tomorrow, for a person a time zone ahead of the clock) is fine.
    await invoke('saveDueDates', {
      assessmentId: id,
      lastPassingAsvScanOn: '2026-11-20',
      serviceProvidersConfirmedOn: '2026-11-21',
    });
    expect((await invoke('getAssessment', { assessmentId: id })).dueDates).toEqual({
      lastPassingAsvScanOn: '2026-11-20',
      serviceProvidersConfirmedOn: '2026-11-21',
    });
  });
});
