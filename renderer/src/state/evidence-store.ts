import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/errors';
import type { EvidenceDeletion, EvidenceItem } from '../../../shared/api/ops/evidence';
import type { ImportedEvidenceResult } from '../../../shared/api/ops/files';
import type { OperationInput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { newRequestId } from '../api/client';
import {
  sourceFileName,
  sourceSize,
  uploadEvidence,
  type EvidenceDescription,
  type EvidenceSource,
} from '../api/upload';
import { api } from './api';
import { onVaultLocked } from './session-reset';

/** An import on its way into the vault. */
export interface ImportProgress {
  readonly requestId: string;
  readonly fileName: string;
  readonly done: number;
  readonly total: number;
}

export type EvidenceChanges = Omit<OperationInput<'updateEvidence'>, 'id' | 'expectedRevision'>;

type ListState =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly error: ApiError };

interface EvidenceState {
  readonly list: ListState;
  /** Every evidence item in the vault, newest first. */
  readonly items: readonly EvidenceItem[];
  readonly importing: ImportProgress | null;
  readonly load: () => Promise<void>;
  readonly add: (
    source: EvidenceSource,
    description: EvidenceDescription,
  ) => Promise<Result<ImportedEvidenceResult>>;
  readonly cancelImport: () => Promise<void>;
  readonly update: (item: EvidenceItem, changes: EvidenceChanges) => Promise<Result<EvidenceItem>>;
  readonly link: (id: string, assessmentId: string, rowId: string) => Promise<Result<EvidenceItem>>;
  readonly unlink: (
    id: string,
    assessmentId: string,
    rowId: string,
  ) => Promise<Result<EvidenceItem>>;
  readonly remove: (id: string) => Promise<Result<EvidenceDeletion>>;
}

/** Cancels the running upload's request too (browser mode streams it over fetch). */
let abortImport: AbortController | null = null;

const INITIAL = { list: { status: 'idle' } as ListState, items: [], importing: null };

/** The evidence slice: the vault's evidence items and the one import that may be running. */
export const useEvidenceStore = create<EvidenceState>()((set, get) => {
  function replace(item: EvidenceItem): void {
    set((state) => ({
      items: state.items.some((existing) => existing.id === item.id)
        ? state.items.map((existing) => (existing.id === item.id ? item : existing))
        : [item, ...state.items],
    }));
  }

  async function changed(call: Promise<Result<EvidenceItem>>): Promise<Result<EvidenceItem>> {
    const result = await call;
    if (result.ok) replace(result.value);

    return result;
  }

  return {
    ...INITIAL,

    async load() {
      if (get().list.status === 'idle') set({ list: { status: 'loading' } });
      const result = await api().listEvidence({});
      set(
        result.ok
          ? { list: { status: 'ready' }, items: result.value }
          : { list: { status: 'failed', error: result.error } },
      );
    },

    async add(source, description) {
      const requestId = newRequestId();
      const controller = new AbortController();
      abortImport = controller;
      set({
        importing: {
          requestId,
          fileName: sourceFileName(source),
          done: 0,
          total: sourceSize(source),
        },
      });
      const stopListening = api().onEvent((event) => {
        if (event.type !== 'progress' || event.requestId !== requestId) return;
        set((state) =>
          state.importing?.requestId === requestId
            ? {
                importing: {
                  ...state.importing,
                  done: event.done,
                  total: event.total ?? state.importing.total,
                },
              }
            : {},
        );
      });
      try {
        const result = await uploadEvidence(api(), source, description, {
          requestId,
          signal: controller.signal,
        });
        if (result.ok) replace(result.value.item);

        return result;
      } finally {
        stopListening();
        if (abortImport === controller) abortImport = null;
        set((state) => (state.importing?.requestId === requestId ? { importing: null } : {}));
      }
    },

    async cancelImport() {
      const running = get().importing;
      if (running === null) return;
      await api().cancel(running.requestId);
      abortImport?.abort();
    },

    update: (item, changes) =>
      changed(api().updateEvidence({ id: item.id, expectedRevision: item.revision, ...changes })),

    link: (id, assessmentId, rowId) => changed(api().linkEvidence({ id, assessmentId, rowId })),

    unlink: (id, assessmentId, rowId) => changed(api().unlinkEvidence({ id, assessmentId, rowId })),

    async remove(id) {
      const result = await api().deleteEvidence({ id, confirm: true });
      if (result.ok) set((state) => ({ items: state.items.filter((item) => item.id !== id) }));

      return result;
    },
  };
});

onVaultLocked(() => {
  abortImport?.abort();
  abortImport = null;
  useEvidenceStore.setState({ ...INITIAL });
});
