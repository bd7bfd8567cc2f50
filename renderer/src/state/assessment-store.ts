import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/errors';
import type {
  AnswerPayloadInput,
  AssessmentAnswer,
  AssessmentDetail,
  AssessmentReview,
  AssessmentSummary,
  NextYearAssessment,
  SavedSection,
  WizardTarget,
} from '../../../shared/api/ops/assessments';
import type { Result } from '../../../shared/api/result';
import type { CalendarDate } from '../../../shared/domain/calendar-date';
import type { Response } from '../../../shared/domain/responses';
import { api } from './api';
import { SECTIONS, lostChanges, type SectionKey, type SectionValues } from './assessment-sections';
import { mergeChanges, sameValue } from './section-merge';
import { addPendingSave, flushPendingSaves, trackSave } from './pending-saves';
import { onVaultLocked } from './session-reset';

/** One answer as the page holds it while the person types; saved in the background. */
export interface AnswerDraft {
  readonly response: Response | null;
  readonly payload: AnswerPayloadInput;
  readonly notes: string;
}

export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved' }
  /** Another window saved first; the screen shows what core holds now (see `notice`). */
  | { readonly status: 'reloaded' }
  | { readonly status: 'failed'; readonly error: ApiError };

type ListState =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready'; readonly assessments: readonly AssessmentSummary[] }
  | { readonly status: 'failed'; readonly error: ApiError };

interface AssessmentState {
  readonly list: ListState;
  readonly detail: AssessmentDetail | null;
  readonly openError: ApiError | null;
  /** Answers by row id: what the person sees, including changes not saved yet. */
  readonly answers: Readonly<Record<string, AnswerDraft | undefined>>;
  readonly saveState: SaveState;
  /**
   * Bumped when the screen shown must start again from what core holds (another
   * window changed it): the wizard keys its screens with it.
   */
  readonly reloadEpoch: number;
  /** What happened when another window's change met this one's, in plain words. */
  readonly notice: string | null;
  /** The sections the screen on show edits (set by the wizard as it moves). */
  readonly shownSections: readonly SectionKey[];
  readonly review: AssessmentReview | null;
  readonly loadList: () => Promise<void>;
  readonly create: (
    questionnaireId: string,
    title: string,
    period: { periodStart: CalendarDate | null; periodEnd: CalendarDate | null },
  ) => Promise<Result<AssessmentSummary>>;
  readonly createNextYear: (previousId: string) => Promise<Result<NextYearAssessment>>;
  readonly open: (assessmentId: string) => Promise<Result<AssessmentDetail>>;
  /** Reads the open assessment again (after a section save changed computed parts). */
  readonly refresh: () => Promise<void>;
  readonly close: () => void;
  /**
   * Saves one section, based on the revision this window last read. Saves run
   * one after another. When another window saved first, the two versions are
   * merged field by field and saved again; where both changed the same field
   * the other window's value stays, the screen reloads and `notice` says what
   * was not saved.
   */
  readonly saveSection: <K extends SectionKey>(
    key: K,
    value: SectionValues[K],
  ) => Promise<Result<SavedSection>>;
  readonly showSections: (keys: readonly SectionKey[]) => void;
  /** The wizard has remounted its screen after a reload: saves count again. */
  readonly settleReload: () => void;
  readonly dismissNotice: () => void;
  /** Changes an answer at once in the page and saves it after `delayMs` (0: now). */
  readonly setAnswer: (rowId: string, answer: AnswerDraft, delayMs: number) => void;
  /** Sends every answer change still waiting. */
  readonly flushAnswers: () => Promise<void>;
  readonly setResume: (target: WizardTarget) => void;
  /** Records when a due item was last done (ASV scan passed, providers confirmed) for one assessment. */
  readonly recordDone: (
    assessmentId: string,
    kind: 'asv-scan' | 'service-provider-reconfirmation',
    on: CalendarDate,
  ) => Promise<Result<SavedSection>>;
  readonly loadReview: () => Promise<void>;
  readonly sign: () => Promise<Result<unknown>>;
  readonly reopen: (reason: string) => Promise<Result<AssessmentSummary>>;
}

const draftOf = (answer: AssessmentAnswer): AnswerDraft => ({
  response: answer.response,
  payload: answer.payload,
  notes: answer.notes,
});

/**
 * Per row: the revision last saved, the save in flight and the newest change
 * waiting behind it. Saves of one row run one after another so each sends the
 * revision the previous one returned.
 */
interface RowSaver {
  revision: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the page-wide record of this row's waiting change (see pending-saves). */
  release: (() => void) | undefined;
  waiting: AnswerDraft | undefined;
  inFlight: Promise<void> | undefined;
}

let savers = new Map<string, RowSaver>();
let generation = 0;
/** Section saves and refreshes, one after another, so each reads the revision before it. */
let sectionQueue: Promise<unknown> = Promise.resolve();
/**
 * Between a reload and the screen's remount: the screen being replaced still
 * flushes its waiting change as it closes, and that change was made on what
 * another window has since replaced, so it is dropped.
 */
let discardingSaves = false;

const UNANSWERED: AnswerDraft = { response: null, payload: {}, notes: '' };

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = sectionQueue.then(task);
  sectionQueue = run.catch(() => undefined);
  return run;
}

const droppedAfterReload = {
  ok: false,
  error: { code: 'STALE_REVISION', message: 'Reloaded after a change in another window.' },
} as const;

const notOpen = {
  ok: false,
  error: { code: 'NOT_FOUND', message: 'No assessment is open.' },
} as const;

/** The assessment slice: the list on Home and the one assessment the wizard has open. */
export const useAssessmentStore = create<AssessmentState>()((set, get) => {
  function saverOf(rowId: string): RowSaver {
    let saver = savers.get(rowId);
    if (saver === undefined) {
      const saved = get().detail?.answers.find((answer) => answer.rowId === rowId);
      saver = {
        revision: saved?.revision ?? 0,
        timer: undefined,
        release: undefined,
        waiting: undefined,
        inFlight: undefined,
      };
      savers.set(rowId, saver);
    }
    return saver;
  }

  async function sendRow(rowId: string, saver: RowSaver, attempt = 0): Promise<void> {
    const detail = get().detail;
    const draft = saver.waiting;
    if (detail === null || draft === undefined) return;
    saver.waiting = undefined;
    const started = generation;

    set({ saveState: { status: 'saving' } });
    const result = await api().saveAnswer({
      assessmentId: detail.summary.id,
      rowId,
      response: draft.response,
      payload: draft.payload,
      notes: draft.notes,
      expectedRevision: saver.revision,
    });
    if (started !== generation) return;

    if (result.ok) {
      saver.revision = result.value.answer.revision;
      const current = get().detail;
      if (current !== null) {
        const answers = current.answers.filter((answer) => answer.rowId !== rowId);
        answers.push(result.value.answer);
        set({
          detail: {
            ...current,
            answers,
            summary: {
              ...current.summary,
              progress: result.value.progress,
              outcome: result.value.outcome,
            },
          },
        });
      }
      if (!anyPending()) set({ saveState: { status: 'saved' } });
    } else if (result.error.code === 'STALE_REVISION' && attempt < 2) {
      await mergeRow(rowId, saver, draft, attempt);
    } else {
      set({ saveState: { status: 'failed', error: result.error } });
    }
  }

  /**
   * Another window saved this row first: merge its answer with this one's
   * change (response, explanations, notes field by field) and save again, or
   * show its answer where both changed the same field.
   */
  async function mergeRow(
    rowId: string,
    saver: RowSaver,
    draft: AnswerDraft,
    attempt: number,
  ): Promise<void> {
    const detail = get().detail;
    if (detail === null) return;
    const started = generation;
    const fresh = await api().getAssessment({ assessmentId: detail.summary.id });
    if (started !== generation) return;
    if (!fresh.ok) {
      set({ saveState: { status: 'failed', error: fresh.error } });
      return;
    }
    const savedBefore = detail.answers.find((answer) => answer.rowId === rowId);
    const theirsAnswer = fresh.value.answers.find((answer) => answer.rowId === rowId);
    const theirs = theirsAnswer === undefined ? UNANSWERED : draftOf(theirsAnswer);
    const merged = mergeChanges(
      savedBefore === undefined ? UNANSWERED : draftOf(savedBefore),
      draft,
      theirs,
    );
    saver.revision = theirsAnswer?.revision ?? 0;
    adopt(fresh.value);
    if (merged.conflicts.length > 0) {
      set({
        notice:
          `Requirement ${rowId} was answered in another window at the same time, so it now ` +
          `shows that answer. Your last change was not saved: ` +
          `${lostChanges(merged.conflicts, draft)}.`,
      });
    }
    // A newer change typed meanwhile goes out after this one.
    if (saver.waiting !== undefined) return;
    set((state) => ({ answers: { ...state.answers, [rowId]: merged.value } }));
    if (sameValue(merged.value, theirs)) {
      set({ saveState: { status: merged.conflicts.length > 0 ? 'reloaded' : 'saved' } });
      return;
    }
    saver.waiting = merged.value;
    await sendRow(rowId, saver, attempt + 1);
  }

  /**
   * Takes the assessment as core holds it now. Answers with a change of this
   * window still waiting or in flight keep that change; the others show what
   * core holds, with its revision to base the next save on.
   */
  function adopt(fresh: AssessmentDetail): void {
    const answers: Record<string, AnswerDraft | undefined> = { ...get().answers };
    for (const answer of fresh.answers) {
      const saver = savers.get(answer.rowId);
      if (saver !== undefined) {
        const busy =
          saver.waiting !== undefined || saver.timer !== undefined || saver.inFlight !== undefined;
        if (busy) continue;
        saver.revision = answer.revision;
      }
      answers[answer.rowId] = draftOf(answer);
    }
    set({ detail: fresh, answers });
  }

  /** Restarts the screen on show from `detail` when one of its sections differs there. */
  function reloadShown(before: AssessmentDetail, after: AssessmentDetail, notice: string | null) {
    const changed = get().shownSections.filter(
      (key) => !sameValue(SECTIONS[key].pick(before), SECTIONS[key].pick(after)),
    );
    if (changed.length === 0) return false;
    discardingSaves = true;
    set((state) => ({
      reloadEpoch: state.reloadEpoch + 1,
      notice:
        notice ??
        `${SECTIONS[changed[0] ?? 'details'].label} was changed in another window; this step now ` +
          'shows the latest version.',
    }));
    return true;
  }

  /** Reads the open assessment again; a change from another window reloads the screen on show. */
  async function refreshNow(): Promise<void> {
    const detail = get().detail;
    if (detail === null) return;
    const started = generation;
    const result = await api().getAssessment({ assessmentId: detail.summary.id });
    const current = get().detail;
    if (!result.ok || started !== generation || current === null) return;
    adopt(result.value);
    if (result.value.summary.revision !== current.summary.revision) {
      reloadShown(current, result.value, null);
    }
  }

  async function saveOneSection<K extends SectionKey>(
    key: K,
    value: SectionValues[K],
  ): Promise<Result<SavedSection>> {
    const detail = get().detail;
    if (detail === null) return notOpen;
    const section = SECTIONS[key];
    const started = generation;
    const lost: string[] = [];
    let base = section.pick(detail);
    let sending = value;
    let revision = detail.summary.revision;
    set({ saveState: { status: 'saving' } });

    for (let attempt = 0; ; attempt += 1) {
      const result = await section.send(
        { assessmentId: detail.summary.id, expectedRevision: revision },
        sending,
      );
      if (started !== generation) return result;
      if (result.ok) {
        const current = get().detail;
        if (current !== null) {
          const summary = { ...current.summary, ...result.value };
          set({ detail: section.apply({ ...current, summary }, sending) });
        }
        set({ saveState: { status: 'saved' } });
        await refreshNow();
        if (!sameValue(sending, value)) reloadAfterMerge(key, lost, value);
        return result;
      }
      if (result.error.code !== 'STALE_REVISION' || attempt >= 2) {
        set({ saveState: { status: 'failed', error: result.error } });
        return result;
      }

      // Another window saved since this one last read: merge and try again.
      const fresh = await api().getAssessment({ assessmentId: detail.summary.id });
      if (started !== generation) return result;
      if (!fresh.ok) {
        set({ saveState: { status: 'failed', error: fresh.error } });
        return fresh;
      }
      const theirs = section.pick(fresh.value);
      const merged = mergeChanges(base, sending, theirs);
      lost.push(...merged.conflicts);
      adopt(fresh.value);
      if (sameValue(merged.value, theirs)) {
        // Nothing of this window's change is left to save.
        set({ saveState: { status: 'reloaded' } });
        reloadAfterMerge(key, lost, value);
        return {
          ok: true,
          value: {
            revision: fresh.value.summary.revision,
            updatedAt: fresh.value.summary.updatedAt,
          },
        };
      }
      base = theirs;
      sending = merged.value;
      revision = fresh.value.summary.revision;
    }
  }

  /** After a merge the screen shows what was saved, and the person learns what was not. */
  function reloadAfterMerge(key: SectionKey, lost: readonly string[], mine: unknown): void {
    const { label } = SECTIONS[key];
    const notice =
      lost.length === 0
        ? `${label} was also changed in another window; both changes are kept and shown here.`
        : `${label} was changed in another window at the same time, so it was reloaded. Your ` +
          `last change was not saved: ${lostChanges(lost, mine)}. Enter it again if it is ` +
          'still needed.';
    if (get().shownSections.includes(key)) {
      discardingSaves = true;
      set((state) => ({ reloadEpoch: state.reloadEpoch + 1 }));
    }
    set({ notice, ...(lost.length > 0 ? { saveState: { status: 'reloaded' } } : {}) });
  }

  /**
   * Sends every change still waiting (answers and the steps' sections, typed
   * a moment ago) and waits until they are saved: signing and the review
   * must see what the screen shows.
   */
  async function settleChanges(): Promise<void> {
    flushPendingSaves();
    await get().flushAnswers();
    await enqueue(() => Promise.resolve());
  }

  function anyPending(): boolean {
    for (const saver of savers.values()) {
      if (saver.waiting !== undefined || saver.timer !== undefined) return true;
    }
    return false;
  }

  function schedule(rowId: string, saver: RowSaver): Promise<void> {
    const run = async (): Promise<void> => {
      if (saver.inFlight !== undefined) await saver.inFlight;
      if (saver.waiting === undefined) return;
      const sending = trackSave(sendRow(rowId, saver));
      saver.inFlight = sending;
      await sending;
      if (saver.inFlight === sending) saver.inFlight = undefined;
    };
    return run();
  }

  return {
    list: { status: 'idle' },
    detail: null,
    openError: null,
    answers: {},
    saveState: { status: 'idle' },
    reloadEpoch: 0,
    notice: null,
    shownSections: [],
    review: null,

    async loadList() {
      if (get().list.status !== 'ready') set({ list: { status: 'loading' } });
      const result = await api().listAssessments({});
      set({
        list: result.ok
          ? { status: 'ready', assessments: result.value }
          : { status: 'failed', error: result.error },
      });
    },

    async create(questionnaireId, title, period) {
      const result = await api().createAssessment({ questionnaireId, title, ...period });
      if (result.ok) await get().loadList();
      return result;
    },

    async createNextYear(previousAssessmentId) {
      const result = await api().createNextYearAssessment({ previousAssessmentId });
      if (result.ok) await get().loadList();
      return result;
    },

    async open(assessmentId) {
      get().close();
      const result = await api().getAssessment({ assessmentId });
      if (!result.ok) {
        set({ openError: result.error });
        return result;
      }
      const answers: Record<string, AnswerDraft> = {};
      for (const answer of result.value.answers) answers[answer.rowId] = draftOf(answer);
      set({ detail: result.value, answers, openError: null, saveState: { status: 'idle' } });
      return result;
    },

    async refresh() {
      await get().flushAnswers();
      await enqueue(refreshNow);
    },

    close() {
      generation += 1;
      for (const saver of savers.values()) {
        if (saver.timer !== undefined) clearTimeout(saver.timer);
        saver.release?.();
      }
      savers = new Map();
      discardingSaves = false;
      set({
        detail: null,
        answers: {},
        review: null,
        notice: null,
        saveState: { status: 'idle' },
      });
    },

    saveSection(key, value) {
      // Checked when the save is asked for: the screen being replaced flushes
      // as it closes, before the wizard settles the reload.
      if (discardingSaves) return Promise.resolve(droppedAfterReload);
      const epoch = get().reloadEpoch;
      return trackSave(
        enqueue(() =>
          // Made on a screen that has since been reloaded: on what was replaced.
          get().reloadEpoch !== epoch && get().shownSections.includes(key)
            ? Promise.resolve(droppedAfterReload)
            : saveOneSection(key, value),
        ),
      );
    },

    showSections(keys) {
      if (!sameValue(keys, get().shownSections)) set({ shownSections: keys });
    },

    settleReload() {
      discardingSaves = false;
    },

    dismissNotice() {
      set({ notice: null });
    },

    setAnswer(rowId, answer, delayMs) {
      set((state) => ({ answers: { ...state.answers, [rowId]: answer } }));
      const saver = saverOf(rowId);
      saver.waiting = answer;
      if (saver.timer !== undefined) clearTimeout(saver.timer);
      set({ saveState: { status: 'saving' } });
      saver.release ??= addPendingSave(() => void get().flushAnswers());
      saver.timer = setTimeout(() => {
        saver.timer = undefined;
        saver.release?.();
        saver.release = undefined;
        void schedule(rowId, saver);
      }, delayMs);
    },

    async flushAnswers() {
      const runs: Promise<void>[] = [];
      for (const [rowId, saver] of savers) {
        if (saver.timer !== undefined) {
          clearTimeout(saver.timer);
          saver.timer = undefined;
        }
        saver.release?.();
        saver.release = undefined;
        runs.push(schedule(rowId, saver));
        if (saver.inFlight !== undefined) runs.push(saver.inFlight);
      }
      await Promise.all(runs);
    },

    setResume(position) {
      const detail = get().detail;
      if (detail === null || detail.summary.status === 'signed') return;
      void api().setResumePosition({ assessmentId: detail.summary.id, position });
    },

    async recordDone(assessmentId, kind, on) {
      // The save takes both dates: read the one not being recorded first.
      const current = await api().getAssessment({ assessmentId });
      if (!current.ok) return current;
      const dates = current.value.dueDates;
      const result = await api().saveDueDates({
        assessmentId,
        lastPassingAsvScanOn: kind === 'asv-scan' ? on : dates.lastPassingAsvScanOn,
        serviceProvidersConfirmedOn:
          kind === 'service-provider-reconfirmation' ? on : dates.serviceProvidersConfirmedOn,
      });
      if (result.ok) {
        await get().loadList();
        if (get().detail?.summary.id === assessmentId) await get().refresh();
      }
      return result;
    },

    async loadReview() {
      const detail = get().detail;
      if (detail === null) return;
      await settleChanges();
      const result = await api().getReview({ assessmentId: detail.summary.id });
      if (result.ok) set({ review: result.value });
    },

    async sign() {
      const detail = get().detail;
      if (detail === null) {
        return { ok: false, error: { code: 'NOT_FOUND', message: 'No assessment is open.' } };
      }
      await settleChanges();
      const result = await api().signAssessment({ assessmentId: detail.summary.id });
      if (result.ok) {
        await get().refresh();
        await get().loadList();
      }
      return result;
    },

    async reopen(reason) {
      const detail = get().detail;
      if (detail === null) {
        return { ok: false, error: { code: 'NOT_FOUND', message: 'No assessment is open.' } };
      }
      const result = await api().reopenAssessment({ assessmentId: detail.summary.id, reason });
      if (result.ok) {
        await get().refresh();
        await get().loadList();
      }
      return result;
    },
  };
});

onVaultLocked(() => {
  useAssessmentStore.getState().close();
  useAssessmentStore.setState({ list: { status: 'idle' }, openError: null });
});
