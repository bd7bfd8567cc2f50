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
  /** Saves one section through `call`; the revision it returns is kept. */
  readonly saveSection: (
    call: (assessmentId: string) => Promise<Result<SavedSection>>,
  ) => Promise<Result<SavedSection>>;
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
  waiting: AnswerDraft | undefined;
  inFlight: Promise<void> | undefined;
}

let savers = new Map<string, RowSaver>();
let generation = 0;

/** The assessment slice: the list on Home and the one assessment the wizard has open. */
export const useAssessmentStore = create<AssessmentState>()((set, get) => {
  function saverOf(rowId: string): RowSaver {
    let saver = savers.get(rowId);
    if (saver === undefined) {
      const saved = get().detail?.answers.find((answer) => answer.rowId === rowId);
      saver = {
        revision: saved?.revision ?? 0,
        timer: undefined,
        waiting: undefined,
        inFlight: undefined,
      };
      savers.set(rowId, saver);
    }
    return saver;
  }

  async function sendRow(rowId: string, saver: RowSaver): Promise<void> {
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
    } else {
      set({ saveState: { status: 'failed', error: result.error } });
    }
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
      const sending = sendRow(rowId, saver);
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
      const detail = get().detail;
      if (detail === null) return;
      await get().flushAnswers();
      const result = await api().getAssessment({ assessmentId: detail.summary.id });
      if (result.ok && get().detail?.summary.id === detail.summary.id)
        set({ detail: result.value });
    },

    close() {
      generation += 1;
      for (const saver of savers.values()) if (saver.timer !== undefined) clearTimeout(saver.timer);
      savers = new Map();
      set({ detail: null, answers: {}, review: null, saveState: { status: 'idle' } });
    },

    async saveSection(call) {
      const detail = get().detail;
      if (detail === null) {
        return { ok: false, error: { code: 'NOT_FOUND', message: 'No assessment is open.' } };
      }
      set({ saveState: { status: 'saving' } });
      const result = await call(detail.summary.id);
      if (result.ok) {
        set({ saveState: { status: 'saved' } });
        await get().refresh();
      } else {
        set({ saveState: { status: 'failed', error: result.error } });
      }
      return result;
    },

    setAnswer(rowId, answer, delayMs) {
      set((state) => ({ answers: { ...state.answers, [rowId]: answer } }));
      const saver = saverOf(rowId);
      saver.waiting = answer;
      if (saver.timer !== undefined) clearTimeout(saver.timer);
      set({ saveState: { status: 'saving' } });
      saver.timer = setTimeout(() => {
        saver.timer = undefined;
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
      await get().flushAnswers();
      const result = await api().getReview({ assessmentId: detail.summary.id });
      if (result.ok) set({ review: result.value });
    },

    async sign() {
      const detail = get().detail;
      if (detail === null) {
        return { ok: false, error: { code: 'NOT_FOUND', message: 'No assessment is open.' } };
      }
      await get().flushAnswers();
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
