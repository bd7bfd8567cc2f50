import { beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, MerchantPart1a } from '../../../shared/api/ops/assessments';
import type { Result } from '../../../shared/api/result';
import { createApiClient } from '../api/client';
import { setApi } from './api';
import { useAssessmentStore, type AnswerDraft } from './assessment-store';

/**
 * Two windows on one assessment: this page's store, and "the other window",
 * which changes the fake core's record directly between this page's reads and
 * its saves. The fake checks revisions as core does.
 */

const ASSESSMENT_ID = '7d1f0c4e-2b6a-4c8e-9f10-5a3b2c1d0e9f';

interface StoredAnswer extends AnswerDraft {
  readonly revision: number;
}

function fakeCore() {
  const record = {
    revision: 1,
    title: 'Harbour Lane 2026',
    merchant: {
      companyName: 'Harbour Lane Ceramics Ltd',
      dba: '',
      mailingAddress: '',
      website: '',
      contactName: '',
      contactTitle: '',
      phone: '',
      email: '',
    },
    answers: new Map<string, StoredAnswer>(),
  };
  const calls: string[] = [];

  const detail = () =>
    ({
      summary: {
        id: ASSESSMENT_ID,
        title: record.title,
        periodStart: null,
        periodEnd: null,
        status: 'draft',
        revision: record.revision,
        updatedAt: `2026-12-04T10:00:0${String(record.revision % 10)}.000Z`,
        progress: { answered: record.answers.size, total: 27 },
        outcome: 'in-progress',
      },
      merchant: { ...record.merchant },
      assessor: { isaNames: [], qsa: null },
      answers: [...record.answers].map(([rowId, answer]) => ({
        rowId,
        ...answer,
        carriedOver: false,
        updatedAt: '2026-12-04T10:00:00.000Z',
        problems: [],
      })),
    }) as unknown as AssessmentDetail;

  const stale = (): Result<never> => ({
    ok: false,
    error: { code: 'STALE_REVISION', message: 'changed', path: 'expectedRevision' },
  });

  const handlers: Record<string, (input: never) => Result<unknown>> = {
    getAssessment: () => ({ ok: true, value: detail() }),
    saveMerchantProfile: (input: { expectedRevision: number; merchant: MerchantPart1a }) => {
      if (input.expectedRevision !== record.revision) return stale();
      record.merchant = input.merchant;
      record.revision += 1;
      return { ok: true, value: { revision: record.revision, updatedAt: 'now' } };
    },
    saveAnswer: (input: AnswerDraft & { rowId: string; expectedRevision: number }) => {
      const current = record.answers.get(input.rowId);
      if (input.expectedRevision !== (current?.revision ?? 0)) return stale();
      const saved = {
        response: input.response,
        payload: input.payload,
        notes: input.notes,
        revision: (current?.revision ?? 0) + 1,
      };
      record.answers.set(input.rowId, saved);
      return {
        ok: true,
        value: {
          answer: { rowId: input.rowId, ...saved, carriedOver: false, problems: [] },
          progress: { answered: record.answers.size, total: 27 },
          outcome: 'in-progress',
        },
      };
    },
  };

  setApi(
    createApiClient({
      invoke(name, input) {
        calls.push(name);
        const handler = handlers[name];
        return Promise.resolve(
          handler === undefined
            ? { ok: false, error: { code: 'NOT_FOUND', message: name } }
            : handler(input as never),
        );
      },
      cancel: () => Promise.resolve(),
      onEvent: () => () => undefined,
    }),
  );

  return {
    record,
    calls,
    /** A save made in the other window. */
    otherWindow(change: () => void) {
      change();
      record.revision += 1;
    },
  };
}

const store = () => useAssessmentStore.getState();

async function openOnProfile() {
  await store().open(ASSESSMENT_ID);
  store().showSections(['profile']);
  store().settleReload();
}

beforeEach(() => {
  store().close();
});

describe('a section saved from a window that missed another window’s change', () => {
  it('drops a change queued on the step before another window’s change reloaded it', async () => {
    const core = fakeCore();
    await openOnProfile();
    core.otherWindow(() => {
      core.record.merchant = { ...core.record.merchant, companyName: 'Theirs Ltd' };
    });
    const merchant = store().detail!.merchant;

    const first = store().saveSection('profile', {
      merchant: { ...merchant, companyName: 'Mine Ltd' },
      assessor: { isaNames: [], qsa: null },
    });
    // Typed while the first save was on its way, on the value about to be replaced.
    const queued = store().saveSection('profile', {
      merchant: { ...merchant, companyName: 'Mine Ltd', dba: 'Mine' },
      assessor: { isaNames: [], qsa: null },
    });
    await first;
    store().settleReload();

    expect((await queued).ok).toBe(false);
    expect(core.record.merchant).toMatchObject({ companyName: 'Theirs Ltd', dba: '' });
  });

  it('is saved again, merged, when the other window changed another step', async () => {
    const core = fakeCore();
    await openOnProfile();
    core.otherWindow(() => {
      core.record.title = 'Renamed elsewhere';
    });
    const epoch = store().reloadEpoch;

    const result = await store().saveSection('profile', {
      merchant: { ...core.record.merchant, phone: '+44 20 7946 0000' },
      assessor: { isaNames: [], qsa: null },
    });

    expect(result.ok).toBe(true);
    expect(core.record.merchant.phone).toBe('+44 20 7946 0000');
    expect(core.record.title).toBe('Renamed elsewhere');
    expect(store().notice).toBeNull();
    expect(store().reloadEpoch).toBe(epoch);
    expect(store().saveState).toEqual({ status: 'saved' });
  });

  it('keeps both changes to different fields of the step, and shows them', async () => {
    const core = fakeCore();
    await openOnProfile();
    core.otherWindow(() => {
      core.record.merchant = { ...core.record.merchant, website: 'https://hl.example' };
    });
    const epoch = store().reloadEpoch;

    await store().saveSection('profile', {
      merchant: { ...store().detail!.merchant, phone: '+44 20 7946 0000' },
      assessor: { isaNames: [], qsa: null },
    });

    expect(core.record.merchant).toMatchObject({
      website: 'https://hl.example',
      phone: '+44 20 7946 0000',
    });
    expect(store().reloadEpoch).toBe(epoch + 1);
    expect(store().detail?.merchant.website).toBe('https://hl.example');
    expect(store().notice).toContain('both changes are kept');
  });

  it('keeps the other window’s value where both changed a field, and says which', async () => {
    const core = fakeCore();
    await openOnProfile();
    core.otherWindow(() => {
      core.record.merchant = { ...core.record.merchant, companyName: 'Theirs Ltd' };
    });

    await store().saveSection('profile', {
      merchant: { ...store().detail!.merchant, companyName: 'Mine Ltd', dba: 'Harbour Lane' },
      assessor: { isaNames: [], qsa: null },
    });

    expect(core.record.merchant).toMatchObject({ companyName: 'Theirs Ltd', dba: 'Harbour Lane' });
    expect(store().notice).toContain('Your last change was not saved: company name (“Mine Ltd”)');
    expect(store().saveState).toEqual({ status: 'reloaded' });

    // The screen being replaced flushes its old value as it closes, and the
    // wizard settles the reload right after, before the save would run.
    const calls = core.calls.length;
    const flushed = store().saveSection('profile', {
      merchant: { ...core.record.merchant, companyName: 'Mine Ltd' },
      assessor: { isaNames: [], qsa: null },
    });
    store().settleReload();
    expect((await flushed).ok).toBe(false);
    expect(core.calls.length).toBe(calls);
    expect(core.record.merchant.companyName).toBe('Theirs Ltd');

    await store().saveSection('profile', {
      merchant: { ...store().detail!.merchant, contactName: 'Morgan Ellis' },
      assessor: { isaNames: [], qsa: null },
    });
    expect(core.record.merchant).toMatchObject({
      companyName: 'Theirs Ltd',
      contactName: 'Morgan Ellis',
    });
  });
});

describe('an answer saved from a window that missed another window’s answer', () => {
  const inPlace: AnswerDraft = { response: 'in-place', payload: {}, notes: '' };

  it('merges the notes of one window with the response of the other', async () => {
    const core = fakeCore();
    core.record.answers.set('8.2.1', { ...inPlace, revision: 1 });
    await openOnProfile();
    core.record.answers.set('8.2.1', { ...inPlace, notes: 'Checked by Morgan.', revision: 2 });

    store().setAnswer('8.2.1', { response: 'not-applicable', payload: {}, notes: '' }, 0);
    await store().flushAnswers();

    expect(core.record.answers.get('8.2.1')).toMatchObject({
      response: 'not-applicable',
      notes: 'Checked by Morgan.',
      revision: 3,
    });
    expect(store().answers['8.2.1']).toMatchObject({
      response: 'not-applicable',
      notes: 'Checked by Morgan.',
    });
    expect(store().notice).toBeNull();
  });

  it('shows the other window’s response where both changed it, and says so', async () => {
    const core = fakeCore();
    await openOnProfile();
    core.record.answers.set('8.2.1', { ...inPlace, revision: 1 });

    store().setAnswer('8.2.1', { response: 'not-in-place', payload: {}, notes: '' }, 0);
    await store().flushAnswers();

    expect(core.record.answers.get('8.2.1')).toMatchObject({ response: 'in-place', revision: 1 });
    expect(store().answers['8.2.1']?.response).toBe('in-place');
    expect(store().notice).toContain('Requirement 8.2.1 was answered in another window');
    expect(store().notice).toContain('response (Not in Place)');

    // The next change is based on what the other window saved.
    store().setAnswer('8.2.1', { response: 'not-in-place', payload: {}, notes: '' }, 0);
    await store().flushAnswers();
    expect(core.record.answers.get('8.2.1')).toMatchObject({
      response: 'not-in-place',
      revision: 2,
    });
  });
});
