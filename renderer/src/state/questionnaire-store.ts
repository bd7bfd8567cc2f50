import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/errors';
import type { ResolvedQuestionnaire } from '../../../shared/questionnaire/types';
import { api } from './api';

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly questionnaire: ResolvedQuestionnaire }
  | { readonly status: 'failed'; readonly error: ApiError };

interface QuestionnaireState {
  /** Resolved SAQs by definition id. They hold no vault content, so they survive a lock. */
  readonly byId: Readonly<Record<string, Loaded | undefined>>;
  readonly load: (id: string) => Promise<void>;
}

/** The questionnaire slice: SAQ definitions joined with their library text, fetched once each. */
export const useQuestionnaireStore = create<QuestionnaireState>()((set, get) => ({
  byId: {},

  async load(id) {
    const current = get().byId[id];
    if (current !== undefined && current.status !== 'failed') return;

    set((state) => ({ byId: { ...state.byId, [id]: { status: 'loading' } } }));
    const result = await api().getQuestionnaire({ id });
    set((state) => ({
      byId: {
        ...state.byId,
        [id]: result.ok
          ? { status: 'ready', questionnaire: result.value }
          : { status: 'failed', error: result.error },
      },
    }));
  },
}));
