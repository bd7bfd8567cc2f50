import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/errors';
import type { AppInfo } from '../../../shared/api/ops/app';
import type { ApiClient } from '../api/client';

type Load<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ApiError };

interface AppState {
  readonly info: Load<AppInfo>;
  readonly loadInfo: (api: ApiClient) => Promise<void>;
}

/** The app-wide slice: what core says about itself and the vault folder. */
export const useAppStore = create<AppState>()((set) => ({
  info: { status: 'idle' },

  async loadInfo(api) {
    set({ info: { status: 'loading' } });
    const result = await api.getAppInfo({});

    set({
      info: result.ok
        ? { status: 'ready', value: result.value }
        : { status: 'failed', error: result.error },
    });
  },
}));
