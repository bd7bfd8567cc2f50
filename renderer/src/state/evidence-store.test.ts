import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiEventListener } from '../../../shared/api/events';
import type { EvidenceItem } from '../../../shared/api/ops/evidence';
import type { Result } from '../../../shared/api/result';
import { createApiClient } from '../api/client';
import type { Transport } from '../api/transport';
import { setApi } from './api';
import { useEvidenceStore } from './evidence-store';
import { clearVaultContent } from './session-reset';

const HANDLE = '6f1c1d8e-0b7a-4c52-9a43-3f1f0f7e2b11';

function itemFrom(evidence: { title: string; fileName: string }, sizeBytes: number): EvidenceItem {
  return {
    id: '0d5e8f3a-7c2b-4f1e-8a9d-1b2c3d4e5f60',
    title: evidence.title,
    description: '',
    fileName: evidence.fileName,
    mediaType: 'text/plain',
    kind: 'policy',
    sizeBytes,
    sha256: 'a'.repeat(64),
    addedOn: '2026-12-04',
    effectiveOn: null,
    expiresOn: null,
    expired: false,
    textCheck: 'checked',
    links: [],
    revision: 1,
    createdAt: '2026-12-04T00:00:00.000Z',
    updatedAt: '2026-12-04T00:00:00.000Z',
  };
}

/** A desktop window: the preload bridge hands out a handle for a dropped file; core is faked. */
function desktop() {
  const calls: { name: string; input: unknown; requestId: string | undefined }[] = [];
  const cancelled: string[] = [];
  const listeners = new Set<ApiEventListener>();
  const progressSeen: number[] = [];
  const emit = (event: ApiEvent) => {
    for (const listener of listeners) listener(event);
  };
  const transport: Transport = {
    invoke(name, input, requestId) {
      calls.push({ name, input, requestId });
      if (name !== 'importEvidenceFile') return Promise.resolve({ ok: true, value: [] });
      const { evidence } = input as { evidence: { title: string; fileName: string } };
      for (const done of [4, 8]) {
        emit({ type: 'progress', requestId: requestId ?? '', done, total: 8, stage: 'import' });
        progressSeen.push(useEvidenceStore.getState().importing?.done ?? -1);
      }
      const result: Result<unknown> = {
        ok: true,
        value: { item: itemFrom(evidence, 8), deduplicated: false },
      };
      return Promise.resolve(result);
    },
    cancel(requestId) {
      cancelled.push(requestId);
      return Promise.resolve();
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  setApi(createApiClient(transport));
  Object.defineProperty(window, 'api', {
    configurable: true,
    value: {
      fileHandleForDrop: (file: File) =>
        Promise.resolve({
          ok: true,
          value: { handle: HANDLE, fileName: file.name, sizeBytes: file.size },
        }),
    },
  });

  return { calls, cancelled, listeners, progressSeen };
}

beforeEach(() => {
  clearVaultContent();
});

afterEach(() => {
  Reflect.deleteProperty(window, 'api');
});

describe('the evidence store on the desktop', () => {
  it('imports a dropped file through its handle, following progress, and lists it', async () => {
    const fake = desktop();
    const file = new File(['12345678'], 'policy.txt', { type: 'text/plain' });

    const result = await useEvidenceStore
      .getState()
      .add({ kind: 'file', file }, { title: 'Policy', kind: 'policy' });

    expect(result.ok).toBe(true);
    const call = fake.calls.find((entry) => entry.name === 'importEvidenceFile');
    expect(call?.input).toEqual({
      handle: HANDLE,
      evidence: {
        title: 'Policy',
        kind: 'policy',
        fileName: 'policy.txt',
        mediaType: 'text/plain',
      },
    });
    expect(call?.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(fake.progressSeen).toEqual([4, 8]);
    const state = useEvidenceStore.getState();
    expect(state.importing).toBeNull();
    expect(state.items.map((item) => item.title)).toEqual(['Policy']);
    // The progress subscription ends with the import.
    expect(fake.listeners.size).toBe(0);
  });

  it('cancels the running import by its request id', async () => {
    const fake = desktop();
    useEvidenceStore.setState({
      importing: { requestId: 'request_0001', fileName: 'big.bin', done: 1, total: 10 },
    });
    await useEvidenceStore.getState().cancelImport();
    expect(fake.cancelled).toEqual(['request_0001']);
  });

  it('forgets every item when the vault locks', async () => {
    desktop();
    const file = new File(['x'], 'a.txt');
    await useEvidenceStore.getState().add({ kind: 'file', file }, { title: 'A', kind: 'other' });
    expect(useEvidenceStore.getState().items).toHaveLength(1);
    clearVaultContent();
    expect(useEvidenceStore.getState().items).toEqual([]);
    expect(useEvidenceStore.getState().list.status).toBe('idle');
  });
});
