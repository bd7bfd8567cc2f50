import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/errors';
import type { BackupSummary, CreatedVault, VaultStatus } from '../../../shared/api/ops/vault';
import type { Result } from '../../../shared/api/result';
import { newRequestId } from '../api/client';
import { api } from './api';
import { clearVaultContent } from './session-reset';

type Busy = 'idle' | 'working';

interface VaultState {
  readonly status: VaultStatus | undefined;
  readonly loadError: ApiError | undefined;
  readonly busy: Busy;
  /** Shown once after creation, until the person confirms they kept it. */
  readonly pendingRecoveryKey: CreatedVault | undefined;
  readonly backups: readonly BackupSummary[];
  readonly refresh: () => Promise<void>;
  readonly create: (passphrase: string) => Promise<Result<CreatedVault>>;
  readonly confirmRecoveryKeySaved: () => void;
  readonly unlock: (passphrase: string) => Promise<Result<VaultStatus>>;
  /** Unlocks with the key this device remembers (desktop app, when turned on). */
  readonly unlockWithDevice: () => Promise<Result<VaultStatus>>;
  readonly enableDeviceUnlock: (passphrase: string) => Promise<Result<VaultStatus>>;
  readonly disableDeviceUnlock: () => Promise<Result<VaultStatus>>;
  readonly recover: (recoveryKey: string, newPassphrase: string) => Promise<Result<VaultStatus>>;
  readonly lock: () => Promise<void>;
  readonly changePassphrase: (
    currentPassphrase: string,
    newPassphrase: string,
  ) => Promise<Result<VaultStatus>>;
  readonly setAutoLock: (minutes: number) => Promise<Result<VaultStatus>>;
  readonly backup: () => Promise<Result<BackupSummary>>;
  readonly loadBackups: () => Promise<void>;
  readonly restore: (backupName: string, passphrase: string) => Promise<Result<VaultStatus>>;
  /** Core said the vault locked (idle time, another window): forget everything. */
  readonly lockedElsewhere: () => void;
}

/** The vault slice: what core says about the vault, and the calls that change it. */
export const useVaultStore = create<VaultState>()((set, get) => {
  /** Runs a call that changes the vault and keeps the status it returns. */
  async function change<T>(
    call: () => Promise<Result<T>>,
    status: (value: T) => VaultStatus,
  ): Promise<Result<T>> {
    set({ busy: 'working' });
    const result = await call();
    set({ busy: 'idle' });
    if (result.ok) set({ status: status(result.value) });

    return result;
  }

  return {
    status: undefined,
    loadError: undefined,
    busy: 'idle',
    pendingRecoveryKey: undefined,
    backups: [],

    async refresh() {
      const result = await api().getVaultStatus({});
      set(result.ok ? { status: result.value, loadError: undefined } : { loadError: result.error });
    },

    async create(passphrase) {
      const result = await change(
        () => api().createVault({ passphrase }),
        (created) => created.status,
      );
      if (result.ok) set({ pendingRecoveryKey: result.value });

      return result;
    },

    confirmRecoveryKeySaved() {
      set({ pendingRecoveryKey: undefined });
    },

    unlock: (passphrase) =>
      change(
        () => api().unlockVault({ passphrase }),
        (status) => status,
      ),

    unlockWithDevice: () =>
      change(
        () => api().unlockVaultWithDevice({}),
        (status) => status,
      ),

    enableDeviceUnlock: (passphrase) =>
      change(
        () => api().enableDeviceUnlock({ passphrase }),
        (status) => status,
      ),

    disableDeviceUnlock: () =>
      change(
        () => api().disableDeviceUnlock({}),
        (status) => status,
      ),

    recover: (recoveryKey, newPassphrase) =>
      change(
        () => api().unlockVaultWithRecoveryKey({ recoveryKey, newPassphrase }),
        (status) => status,
      ),

    async lock() {
      clearVaultContent();
      set({ backups: [], pendingRecoveryKey: undefined });
      await change(
        () => api().lockVault({}),
        (status) => status,
      );
    },

    changePassphrase: (currentPassphrase, newPassphrase) =>
      change(
        () => api().changeVaultPassphrase({ currentPassphrase, newPassphrase }),
        (status) => status,
      ),

    setAutoLock: (minutes) =>
      change(
        () => api().setAutoLockMinutes({ minutes }),
        (status) => status,
      ),

    async backup() {
      set({ busy: 'working' });
      const result = await api().backupVault({}, { requestId: newRequestId() });
      set({ busy: 'idle' });
      if (result.ok) await get().loadBackups();

      return result;
    },

    async loadBackups() {
      const result = await api().listVaultBackups({});
      if (result.ok) set({ backups: result.value });
    },

    restore: (backupName, passphrase) =>
      change(
        () => api().restoreVault({ backupName, passphrase }, { requestId: newRequestId() }),
        (status) => status,
      ),

    lockedElsewhere() {
      clearVaultContent();
      set({ backups: [], pendingRecoveryKey: undefined });
      void get().refresh();
    },
  };
});
