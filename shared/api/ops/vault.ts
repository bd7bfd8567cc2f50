import { z } from 'zod';
import { operation } from '../operation';
import type { Door } from './app';

/**
 * The vault: one encrypted database and its key file. The page can ask to
 * create, unlock, lock, back up and restore it; keys never leave core.
 */

export type VaultState = 'none' | 'locked' | 'unlocked';

/**
 * "Remember on this device": 'unsupported' where there is no OS keyring
 * (browser mode, the CLI, or the desktop app finding none), 'refused-plain-text'
 * where the keyring would store secrets as plain text, else whether it is on.
 */
export type DeviceUnlockState = 'unsupported' | 'refused-plain-text' | 'off' | 'on';

/** Something wrong with the vault folder that the page should explain before anything else. */
export type VaultProblem = 'key-file-missing' | 'database-missing';

export interface AuditHead {
  /** Number of entries in the chain. */
  readonly length: number;
  /** Hash of the last entry (64 hex digits); all zeros when the chain is empty. */
  readonly head: string;
}

export interface VaultStatus {
  readonly state: VaultState;
  /** The vault folder, for display ("your vault is in ..."). */
  readonly location: string;
  readonly problem: VaultProblem | null;
  /** The sync service whose folder holds the vault (e.g. "Dropbox"), or null. */
  readonly cloudSyncFolder: string | null;
  /** Another process (desktop app, browser mode, CLI) holds the vault open. */
  readonly inUseElsewhere: { readonly door: Door; readonly since: string } | null;
  /** Minutes of inactivity before the vault locks itself; 0 = never. Null while locked. */
  readonly autoLockMinutes: number | null;
  /** The following are known only while unlocked. */
  readonly vaultId: string | null;
  readonly revision: number | null;
  readonly audit: AuditHead | null;
  /** Known while locked too, so that the unlock screen can offer the device. */
  readonly deviceUnlock: DeviceUnlockState;
}

export interface CreatedVault {
  /**
   * The recovery key, shown ONCE: the only way in if the passphrase is lost.
   * Groups of four characters separated by hyphens, the last group a check.
   */
  readonly recoveryKey: string;
  /** The same key split into its groups, for a grid the person copies by hand. */
  readonly recoveryKeyGroups: readonly string[];
  readonly status: VaultStatus;
}

export interface BackupSummary {
  /** The backup's folder name; what `restoreVault` takes. */
  readonly name: string;
  /** Where the backup folder is, for display. */
  readonly location: string;
  readonly createdAt: string;
  readonly vaultId: string;
  /** Whether it is a backup of the vault currently in this folder. */
  readonly sameVault: boolean;
  readonly sizeBytes: number;
  readonly schemaVersion: number;
  readonly audit: AuditHead;
  readonly appVersion: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries verified (all of them when ok; up to the first broken one otherwise). */
  readonly length: number;
  /** Hash of the last verified entry. */
  readonly head: string;
  readonly firstBroken: {
    readonly seq: number;
    readonly reason: 'missing-entry' | 'broken-link' | 'altered-entry';
  } | null;
  /**
   * With an expected head (from a signed report): whether this trail still
   * contains that trail unchanged (it may have grown since). Null without one.
   */
  readonly extendsExpected: boolean | null;
}

/** Passphrases are never trimmed or truncated; the length rule is enforced by core. */
const passphrase = z.string().min(1).max(1024);
const recoveryKey = z.string().min(1).max(200);
const backupName = z.string().regex(/^pci-saq-backup-[A-Za-z0-9-]{1,80}$/, 'not a backup name');
const auditHead = z
  .object({
    length: z.number().int().nonnegative(),
    head: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const vaultOperations = {
  getVaultStatus: operation<VaultStatus>()(z.object({}).strict()),
  /** Fails with VAULT_EXISTS, WEAK_PASSPHRASE. Leaves the new vault unlocked. */
  createVault: operation<CreatedVault>()(z.object({ passphrase }).strict()),
  /**
   * Fails with WRONG_PASSPHRASE, KEY_FILE_DAMAGED, KEY_FILE_MISMATCH, VAULT_DAMAGED,
   * VAULT_TOO_NEW, VAULT_IN_USE, NO_PERMISSION, VAULT_NOT_FOUND. When the vault is
   * already unlocked (another tab unlocked it) it returns the status unchanged.
   */
  unlockVault: operation<VaultStatus>()(z.object({ passphrase }).strict()),
  /** With `newPassphrase`, also replaces the passphrase (the "forgot my passphrase" path). */
  unlockVaultWithRecoveryKey: operation<VaultStatus>()(
    z.object({ recoveryKey, newPassphrase: passphrase.optional() }).strict(),
  ),
  /**
   * Unlocks with the key this device remembers. Any failure on the device's
   * side is DEVICE_UNLOCK_FAILED and changes nothing: the passphrase still
   * opens the vault. DEVICE_UNLOCK_UNAVAILABLE without a usable OS keyring.
   */
  unlockVaultWithDevice: operation<VaultStatus>()(z.object({}).strict()),
  /**
   * Turns on "remember on this device". Needs the current passphrase
   * (WRONG_PASSPHRASE); DEVICE_UNLOCK_UNAVAILABLE without an OS keyring or
   * where it is plain text. Changing or resetting the passphrase, and
   * restoring a backup, turn it off again.
   */
  enableDeviceUnlock: operation<VaultStatus>()(z.object({ passphrase }).strict()),
  /** "Forget this device": removes the remembered key. */
  disableDeviceUnlock: operation<VaultStatus>()(z.object({}).strict()),
  lockVault: operation<VaultStatus>()(z.object({}).strict()),
  changeVaultPassphrase: operation<VaultStatus>()(
    z.object({ currentPassphrase: passphrase, newPassphrase: passphrase }).strict(),
  ),
  /** Writes a verified backup into the `backups` folder of the app's data folder. */
  backupVault: operation<BackupSummary>()(z.object({}).strict(), { long: true }),
  /** The backups in the app's `backups` folder, newest first. */
  listVaultBackups: operation<BackupSummary[]>()(z.object({}).strict()),
  /**
   * Replaces the vault with a backup, after checking the backup opens with
   * the given passphrase (or recovery key) and passes its integrity check.
   * The replaced vault is kept in a `replaced-*` folder inside the vault
   * folder. Leaves the restored vault unlocked.
   */
  restoreVault: operation<VaultStatus>()(
    z
      .object({
        backupName,
        passphrase: passphrase.optional(),
        recoveryKey: recoveryKey.optional(),
      })
      .strict()
      .refine((input) => (input.passphrase === undefined) !== (input.recoveryKey === undefined), {
        error: 'give either a passphrase or a recovery key',
      }),
    { long: true },
  ),
  verifyAuditTrail: operation<AuditVerification>()(
    z.object({ expected: auditHead.optional() }).strict(),
  ),
  /**
   * 0 turns auto-lock off. Fractions are allowed (0.05 = 3 s) so that browser
   * tests can watch it happen; the page offers whole minutes.
   */
  setAutoLockMinutes: operation<VaultStatus>()(
    z
      .object({
        minutes: z
          .number()
          .min(0)
          .max(24 * 60),
      })
      .strict(),
  ),
};
