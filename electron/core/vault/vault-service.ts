import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Door } from '../../../shared/api/ops/app';
import type {
  AuditHead,
  AuditVerification,
  BackupSummary,
  CreatedVault,
  VaultStatus,
} from '../../../shared/api/ops/vault';
import { OperationError } from '../../../shared/api/result';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseLength,
} from '../../../shared/domain/passphrase-strength';
import type { EventHub } from '../events';
import type { Logger } from '../log/logger';
import type { VaultPaths } from '../paths';
import { APP_VERSION } from '../product';
import {
  checkIntegrityAtOpen,
  NEW_VAULT_CIPHER,
  openEncryptedDatabase,
  type DatabaseCipher,
} from '../store/database';
import { nodeErrorCode, storeErrorFor } from '../store/errors';
import { assertSchemaNotNewer, migrate, schemaVersion } from '../store/migrate';
import { SettingsRepository } from '../store/settings-repository';
import type { SqliteDatabase } from '../store/sqlite-binding';
import { fsyncFolder, isAtomicTemporary, writeAndSync, writeFileAtomic } from './atomic-file';
import {
  assertBackupFilesIntact,
  BACKUP_DATABASE,
  BACKUP_KEY_FILE,
  BACKUP_PREFIX,
  copyAndSync,
  listBackups,
  readBackup,
  summarizeBackup,
  verifyDatabaseCopy,
  writeBackup,
} from './backup';
import { cloudSyncFolder } from './cloud-sync';
import {
  openDeviceFile,
  parseDeviceFile,
  sealDeviceFile,
  type DeviceSecretStore,
} from './device-file';
import {
  createKeyFile,
  databaseCipherOf,
  DEFAULT_SCRYPT,
  parseKeyFile,
  passphraseSlotFor,
  serializeKeyFile,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  type KeyFile,
  type ScryptParams,
} from './key-file';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { VaultSession } from './session';
import { lockHolder, WriteLock } from './write-lock';

/** Timers behind auto-lock; tests pass a fake clock. */
export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An armed auto-lock must not keep a CLI process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface VaultServiceOptions {
  readonly paths: VaultPaths;
  /** Where `backup()` writes and `restore(name)` reads by default. */
  readonly backupsDir: string;
  readonly door: Door;
  readonly log: Logger;
  readonly events: EventHub;
  /** Key derivation for new passphrases. Only tests lower it. */
  readonly scrypt?: ScryptParams;
  readonly clock?: IdleClock;
  /** The OS secret store behind "remember on this device"; only the desktop app has one. */
  readonly deviceSecrets?: DeviceSecretStore;
  /** The cipher of vaults this service creates; only tests choose an older one. */
  readonly newVaultCipher?: DatabaseCipher;
}

/** A secret that opens the key file: the passphrase, or the recovery key as typed. */
export type VaultSecret = { readonly passphrase: string } | { readonly recoveryKey: string };

interface Unlocked {
  readonly session: VaultSession;
  readonly database: SqliteDatabase;
  readonly dataKey: Buffer;
  readonly lock: WriteLock;
  readonly vaultId: string;
  autoLockMinutes: number;
}

/** The first 16 bytes of an encrypted database are its salt, in clear (either cipher). */
const DATABASE_SALT_BYTES = 16;

function assertStrongEnough(passphrase: string): void {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) {
    throw new OperationError(
      'WEAK_PASSPHRASE',
      `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      'passphrase',
    );
  }
}

function hammingDistance(a: Buffer, b: Buffer): number {
  let bits = 0;
  for (let index = 0; index < a.length; index += 1) {
    let x = (a[index] ?? 0) ^ (b[index] ?? 0);
    while (x !== 0) {
      bits += x & 1;
      x >>= 1;
    }
  }

  return bits;
}

/**
 * The vault's lifecycle: create, unlock (passphrase or recovery key), lock,
 * change passphrase, back up, restore, auto-lock. Holds the data key and the
 * open database while unlocked and nothing afterwards. Other domains reach
 * the database only through `session()`.
 *
 * Invariants:
 * - opening never writes before the key, the key file's binding and the
 *   schema version are checked, and a failed open leaves the folder as it
 *   was (the lock is released, SQLite's journal files vanish on close);
 * - the key file is only ever replaced atomically, and the database is
 *   never re-encrypted: passphrase changes re-wrap the data key;
 * - state changes run one at a time (a queue), so two windows unlocking or
 *   a backup racing a lock cannot interleave.
 */
export class VaultService {
  readonly #options: VaultServiceOptions;
  readonly #log: Logger;
  readonly #clock: IdleClock;
  #unlocked: Unlocked | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #lastActivity = 0;
  #idleTimer: unknown;

  constructor(options: VaultServiceOptions) {
    this.#options = options;
    this.#log = options.log.child('vault');
    this.#clock = options.clock ?? systemClock;
  }

  get paths(): VaultPaths {
    return this.#options.paths;
  }

  get isUnlocked(): boolean {
    return this.#unlocked !== undefined;
  }

  /**
   * The unlocked vault for other domains; VAULT_LOCKED when locked. Counts
   * as activity for auto-lock.
   */
  session(): VaultSession {
    const unlocked = this.#unlocked;
    if (unlocked === undefined) throw new OperationError('VAULT_LOCKED', 'The vault is locked.');
    this.#lastActivity = this.#clock.now();

    return unlocked.session;
  }

  status(): VaultStatus {
    const { paths } = this.#options;
    const unlocked = this.#unlocked;
    const hasDatabase =
      existsSync(paths.database) ||
      existsSync(`${paths.database}.creating`) ||
      existsSync(`${paths.database}.restore`);
    const hasKeyFile = existsSync(paths.keyFile) || existsSync(`${paths.keyFile}.restore`);
    const holder = unlocked === undefined ? lockHolder(paths.lockFile) : null;

    let state: VaultStatus['state'];
    if (unlocked !== undefined) state = 'unlocked';
    else if (!hasDatabase && !hasKeyFile) state = 'none';
    else state = 'locked';

    let problem: VaultStatus['problem'] = null;
    if (unlocked === undefined && hasDatabase && !hasKeyFile) problem = 'key-file-missing';
    if (unlocked === undefined && !hasDatabase && hasKeyFile) problem = 'database-missing';

    return {
      state,
      location: resolve(paths.dir),
      problem,
      cloudSyncFolder: cloudSyncFolder(resolve(paths.dir)),
      inUseElsewhere: holder === null ? null : { door: holder.door, since: holder.acquiredAt },
      autoLockMinutes: unlocked?.autoLockMinutes ?? null,
      vaultId: unlocked?.vaultId ?? null,
      revision: unlocked === undefined ? null : unlocked.session.revision(),
      audit: unlocked === undefined ? null : unlocked.session.audit.head(),
      deviceUnlock: this.#deviceUnlockState(),
    };
  }

  /** Creates a vault and leaves it unlocked; the recovery key is returned this once. */
  create(passphrase: string): Promise<CreatedVault> {
    return this.#exclusive(async () => {
      assertStrongEnough(passphrase);
      if (this.#unlocked !== undefined) {
        throw new OperationError('VAULT_EXISTS', 'A vault is already open.');
      }
      const { paths } = this.#options;
      this.#makeVaultFolder();

      const lock = WriteLock.acquire(paths.lockFile, this.#options.door);
      const creatingDatabase = `${paths.database}.creating`;
      const creatingKeyFile = `${paths.keyFile}.creating`;
      const dataKey = randomBytes(32);
      const recoveryKey = generateRecoveryKey();
      let committed = false;
      try {
        this.#finishInterruptedWork();
        if (existsSync(paths.database) || existsSync(paths.keyFile)) {
          throw new OperationError('VAULT_EXISTS', 'A vault already exists in this folder.');
        }
        for (const leftover of [creatingDatabase, creatingKeyFile]) removeDatabaseFiles(leftover);
        // A device file left by a vault that was deleted by hand belongs to that vault.
        rmSync(deviceFilePath(paths), { force: true });

        const vaultId = randomUUID();
        const now = new Date();
        const databaseCipher = this.#options.newVaultCipher ?? NEW_VAULT_CIPHER;
        const database = openEncryptedDatabase(creatingDatabase, dataKey, {
          create: true,
          cipher: databaseCipher,
        });
        try {
          migrate(database, { log: this.#log });
          database
            .prepare(
              "INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?), ('created_at', ?)",
            )
            .run(vaultId, now.toISOString());
        } finally {
          // Closing checkpoints the WAL into the file and removes it, so the
          // database is one complete file before it gets its final name.
          database.close();
        }

        const keyFile = await createKeyFile({
          vaultId,
          databaseSalt: readDatabaseSalt(creatingDatabase).toString('hex'),
          databaseCipher,
          dataKey,
          passphrase,
          recoveryKey,
          scrypt: this.#options.scrypt ?? DEFAULT_SCRYPT,
          now,
        });
        writeAndSync(creatingKeyFile, serializeKeyFile(keyFile), 0o600, 'w');
        // The key file's rename is the commit point; an interrupted create
        // past it is finished by the next unlock (see #finishInterruptedWork).
        renameSync(creatingKeyFile, paths.keyFile);
        committed = true;
        renameSync(creatingDatabase, paths.database);
        fsyncFolder(paths.dir);

        this.#openSession(Buffer.from(dataKey), parseKeyFile(readFileSync(paths.keyFile)), lock);
        this.session().write(this.#options.door, (transaction) => {
          transaction.audit({ action: 'vault.created', subject: `vault:${vaultId}` });
        });
        this.#log.info('vault created', { vaultId });
        const formatted = formatRecoveryKey(recoveryKey);

        return {
          recoveryKey: formatted,
          recoveryKeyGroups: formatted.split('-'),
          status: this.status(),
        };
      } catch (error) {
        if (!this.isUnlocked) lock.release();
        if (!committed)
          for (const leftover of [creatingDatabase, creatingKeyFile]) removeDatabaseFiles(leftover);
        throw translate(error);
      } finally {
        dataKey.fill(0);
        recoveryKey.fill(0);
      }
    });
  }

  /** Unlocks with the passphrase or the recovery key (optionally setting a new passphrase). */
  unlock(secret: VaultSecret, newPassphrase?: string): Promise<VaultStatus> {
    return this.#exclusive(async () => {
      if (newPassphrase !== undefined) assertStrongEnough(newPassphrase);
      const recoveryKey =
        'recoveryKey' in secret ? parseRecoveryKey(secret.recoveryKey) : undefined;
      if (this.#unlocked !== undefined && newPassphrase === undefined) return this.status();
      if (this.#unlocked !== undefined) this.#close(null);

      const { paths } = this.#options;
      this.#assertVaultFilesPresent();
      const lock = WriteLock.acquire(paths.lockFile, this.#options.door);
      let dataKey: Buffer | undefined;
      try {
        this.#finishInterruptedWork();
        const keyFile = readKeyFile(paths.keyFile);
        assertKeyFileMatchesDatabase(keyFile, paths.database);
        dataKey =
          recoveryKey === undefined
            ? await unwrapWithPassphrase(keyFile, 'passphrase' in secret ? secret.passphrase : '')
            : unwrapWithRecoveryKey(keyFile, recoveryKey);

        this.#openSession(dataKey, keyFile, lock);
        dataKey = undefined;
        if (newPassphrase !== undefined) {
          await this.#replacePassphrase(keyFile, newPassphrase, 'vault.passphrase-reset');
        }
        this.#log.info('vault unlocked', {
          with: recoveryKey === undefined ? 'passphrase' : 'recovery key',
        });

        return this.status();
      } catch (error) {
        if (this.#unlocked === undefined) lock.release();
        throw translate(error);
      } finally {
        dataKey?.fill(0);
        recoveryKey?.fill(0);
      }
    });
  }

  /**
   * Unlocks with the data key this device remembers. Checks the key file
   * and the database exactly as the passphrase path does. Whatever goes
   * wrong on the device's side (file missing or damaged, the OS refusing to
   * reveal, a key that does not open the database) is DEVICE_UNLOCK_FAILED,
   * nothing is written or removed, and the passphrase opens the vault as before.
   */
  unlockWithDevice(): Promise<VaultStatus> {
    return this.#exclusive(async () => {
      if (this.#unlocked !== undefined) return this.status();
      const store = this.#availableDeviceSecrets();

      const { paths } = this.#options;
      this.#assertVaultFilesPresent();
      const lock = WriteLock.acquire(paths.lockFile, this.#options.door);
      let dataKey: Buffer | undefined;
      let opened = false;
      try {
        this.#finishInterruptedWork();
        const keyFile = readKeyFile(paths.keyFile);
        assertKeyFileMatchesDatabase(keyFile, paths.database);
        dataKey = await openDeviceFile(
          parseDeviceFile(readDeviceFile(deviceFilePath(paths))),
          keyFile.vaultId,
          store,
        );

        try {
          this.#openSession(dataKey, keyFile, lock);
        } catch (error) {
          // The passphrase path knows its key is right, so a failed first
          // read there means damage. Here the key came from the device file,
          // so the honest answer is "use the passphrase", which then tells.
          const translated = translate(error);
          if (translated instanceof OperationError && translated.code === 'VAULT_DAMAGED') {
            throw new OperationError(
              'DEVICE_UNLOCK_FAILED',
              'The remembered key did not open the database.',
            );
          }
          throw translated;
        }
        dataKey = undefined;
        opened = true;
        this.#log.info('vault unlocked', { with: 'device' });

        return this.status();
      } catch (error) {
        if (!opened) lock.release();
        throw translate(error);
      } finally {
        dataKey?.fill(0);
      }
    });
  }

  /**
   * Remembers the data key on this device. Needs the current passphrase (so
   * that an unattended unlocked window cannot turn it on) and an OS store
   * that is not plain text.
   */
  enableDeviceUnlock(passphrase: string): Promise<VaultStatus> {
    return this.#exclusive(async () => {
      const unlocked = this.#requireUnlocked();
      const store = this.#availableDeviceSecrets();
      const { paths } = this.#options;
      await this.#assertCurrentPassphrase(readKeyFile(paths.keyFile), passphrase, unlocked);

      const bytes = await sealDeviceFile({
        vaultId: unlocked.vaultId,
        dataKey: unlocked.dataKey,
        store,
        now: new Date(),
      });
      writeFileAtomic(deviceFilePath(paths), bytes);
      unlocked.session.write(this.#options.door, (transaction) => {
        transaction.audit({
          action: 'vault.device-unlock-enabled',
          subject: `vault:${unlocked.vaultId}`,
        });
      });
      this.#log.info('device unlock enabled');

      return this.status();
    });
  }

  /** "Forget this device": removes the device file. */
  disableDeviceUnlock(): Promise<VaultStatus> {
    return this.#exclusive(() => {
      const unlocked = this.#requireUnlocked();
      if (this.#forgetDevice()) {
        unlocked.session.write(this.#options.door, (transaction) => {
          transaction.audit({
            action: 'vault.device-unlock-disabled',
            subject: `vault:${unlocked.vaultId}`,
          });
        });
      }

      return Promise.resolve(this.status());
    });
  }

  lock(reason: 'user' | 'idle' | 'other-door' = 'user'): Promise<VaultStatus> {
    return this.#exclusive(() => {
      this.#close(reason);
      return Promise.resolve(this.status());
    });
  }

  /** Re-wraps the data key under a new passphrase; the database is not touched. */
  changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<VaultStatus> {
    return this.#exclusive(async () => {
      assertStrongEnough(newPassphrase);
      const unlocked = this.#requireUnlocked();
      const keyFile = readKeyFile(this.#options.paths.keyFile);
      await this.#assertCurrentPassphrase(keyFile, currentPassphrase, unlocked);
      await this.#replacePassphrase(keyFile, newPassphrase, 'vault.passphrase-changed');

      return this.status();
    });
  }

  /** Writes a verified backup into `destination` (the app's backups folder by default). */
  backup(
    destination: string = this.#options.backupsDir,
    progress?: (stage: string) => void,
  ): Promise<BackupSummary> {
    return this.#exclusive(() => {
      const unlocked = this.#requireUnlocked();
      const { paths } = this.#options;
      const keyFileBytes = readFileSync(paths.keyFile);
      const keyFile = parseKeyFile(keyFileBytes);

      const { name, manifest } = writeBackup({
        destination,
        databasePath: paths.database,
        keyFileBytes,
        dataKey: unlocked.dataKey,
        vaultId: unlocked.vaultId,
        databaseCipher: databaseCipherOf(keyFile),
        appVersion: APP_VERSION,
        now: new Date(),
        checkpoint: () => {
          const [result] = unlocked.database.pragma('wal_checkpoint(TRUNCATE)') as {
            busy: number;
          }[];
          if (result?.busy !== 0)
            throw new Error('The checkpoint before the backup did not finish.');
        },
        ...(progress === undefined ? {} : { progress }),
      });
      unlocked.session.write(this.#options.door, (transaction) => {
        transaction.audit({
          action: 'vault.backed-up',
          subject: `backup:${name}`,
          after: manifest,
        });
      });
      this.#log.info('vault backed up', { bytes: manifest.files[BACKUP_DATABASE].size });

      return Promise.resolve(
        summarizeBackup(join(destination, name), name, manifest, unlocked.vaultId),
      );
    });
  }

  listBackups(destination: string = this.#options.backupsDir): BackupSummary[] {
    return listBackups(destination, this.#currentVaultId());
  }

  /** Restores the backup named `name` in the app's backups folder. */
  restoreByName(
    name: string,
    secret: VaultSecret,
    progress?: (stage: string) => void,
  ): Promise<VaultStatus> {
    if (!name.startsWith(BACKUP_PREFIX) || /[\\/]|\.\./.test(name)) {
      return Promise.reject(
        new OperationError('INVALID_INPUT', 'Not a backup name.', 'backupName'),
      );
    }
    return this.restore(join(this.#options.backupsDir, name), secret, progress);
  }

  /**
   * Replaces the vault with the backup in `folder`. Everything is checked
   * first (the files against the backup's manifest, the secret against its
   * key file, a full integrity check and the audit chain of a staged copy);
   * only then is the current vault moved into `replaced-<time>` inside the
   * vault folder and the staged copy put in its place. A crash during the
   * swap is finished at the next unlock. Leaves the restored vault unlocked.
   */
  restore(
    folder: string,
    secret: VaultSecret,
    progress?: (stage: string) => void,
  ): Promise<VaultStatus> {
    return this.#exclusive(async () => {
      const { paths } = this.#options;
      const recoveryKey =
        'recoveryKey' in secret ? parseRecoveryKey(secret.recoveryKey) : undefined;
      progress?.('check');
      const manifest = readBackup(folder);
      assertBackupFilesIntact(folder, manifest);
      const backupKeyFile = readKeyFile(join(folder, BACKUP_KEY_FILE));
      assertKeyFileMatchesDatabase(backupKeyFile, join(folder, BACKUP_DATABASE));
      if (backupKeyFile.vaultId !== manifest.vaultId) {
        throw new OperationError('KEY_FILE_MISMATCH', 'The backup key file is of another vault.');
      }
      let dataKey: Buffer | undefined =
        recoveryKey === undefined
          ? await unwrapWithPassphrase(
              backupKeyFile,
              'passphrase' in secret ? secret.passphrase : '',
            )
          : unwrapWithRecoveryKey(backupKeyFile, recoveryKey);
      recoveryKey?.fill(0);

      const previous = this.#unlocked;
      this.#makeVaultFolder();
      const lock = previous?.lock ?? WriteLock.acquire(paths.lockFile, this.#options.door);
      const stagedDatabase = `${paths.database}.restore`;
      const stagedKeyFile = `${paths.keyFile}.restore`;
      try {
        this.#finishInterruptedWork();
        progress?.('stage');
        copyAndSync(join(folder, BACKUP_DATABASE), stagedDatabase);
        copyAndSync(join(folder, BACKUP_KEY_FILE), stagedKeyFile);
        chmodSync(stagedDatabase, 0o600);
        chmodSync(stagedKeyFile, 0o600);
        progress?.('verify');
        verifyDatabaseCopy(stagedDatabase, dataKey, {
          vaultId: backupKeyFile.vaultId,
          cipher: databaseCipherOf(backupKeyFile),
        });

        // Past this marker the restore is committed: an interruption is
        // rolled forward, never back.
        if (previous !== undefined) this.#close(null, { keepLock: true });
        writeFileAtomic(
          restoreMarker(paths),
          Buffer.from(JSON.stringify({ at: new Date().toISOString() })),
        );
        progress?.('replace');
        this.#finishInterruptedWork();

        this.#openSession(dataKey, readKeyFile(paths.keyFile), lock);
        dataKey = undefined;
        this.session().write(this.#options.door, (transaction) => {
          transaction.audit({
            action: 'vault.restored',
            subject: `backup:${folder.split(/[\\/]/).at(-1) ?? ''}`,
            summary: `from a backup made ${manifest.createdAt}`,
          });
        });
        this.#log.info('vault restored', { vaultId: backupKeyFile.vaultId });

        return this.status();
      } catch (error) {
        if (!existsSync(restoreMarker(paths))) {
          removeDatabaseFiles(stagedDatabase);
          rmSync(stagedKeyFile, { force: true });
        }
        if (this.#unlocked === undefined) lock.release();
        throw translate(error);
      } finally {
        dataKey?.fill(0);
      }
    });
  }

  verifyAudit(expected?: AuditHead): AuditVerification {
    const session = this.session();

    return session.read(() => session.audit.verify(expected));
  }

  setAutoLockMinutes(minutes: number): VaultStatus {
    const unlocked = this.#requireUnlocked();
    unlocked.session.write(this.#options.door, (transaction) => {
      new SettingsRepository(transaction.database).set('autoLockMinutes', minutes, new Date());
      transaction.audit({
        action: 'settings.changed',
        subject: 'setting:autoLockMinutes',
        summary: `${minutes} minutes`,
      });
    });
    unlocked.autoLockMinutes = minutes;
    this.#lastActivity = this.#clock.now();
    this.#armIdleTimer();

    return this.status();
  }

  /** Locks on shutdown; what was committed is already on disk. */
  async close(): Promise<void> {
    await this.#exclusive(() => {
      this.#close(null);
      return Promise.resolve();
    });
  }

  #exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(body, body);
    this.#queue = run.catch(() => undefined);

    return run;
  }

  #requireUnlocked(): Unlocked {
    this.session();
    const unlocked = this.#unlocked;
    if (unlocked === undefined) throw new OperationError('VAULT_LOCKED', 'The vault is locked.');

    return unlocked;
  }

  #currentVaultId(): string | null {
    if (this.#unlocked !== undefined) return this.#unlocked.vaultId;
    try {
      return parseKeyFile(readFileSync(this.#options.paths.keyFile)).vaultId;
    } catch {
      return null;
    }
  }

  async #assertCurrentPassphrase(
    keyFile: KeyFile,
    passphrase: string,
    unlocked: Unlocked,
  ): Promise<void> {
    const check = await unwrapWithPassphrase(keyFile, passphrase);
    try {
      if (!timingSafeEqual(check, unlocked.dataKey)) {
        throw new OperationError('KEY_FILE_MISMATCH', 'The key file no longer matches this vault.');
      }
    } finally {
      check.fill(0);
    }
  }

  #deviceUnlockState(): VaultStatus['deviceUnlock'] {
    const availability = this.#options.deviceSecrets?.availability() ?? 'unavailable';
    if (availability === 'unavailable') return 'unsupported';
    if (availability === 'plain-text') return 'refused-plain-text';

    return existsSync(deviceFilePath(this.#options.paths)) ? 'on' : 'off';
  }

  #availableDeviceSecrets(): DeviceSecretStore {
    const store = this.#options.deviceSecrets;
    const availability = store?.availability() ?? 'unavailable';
    if (store === undefined || availability !== 'available') {
      throw new OperationError(
        'DEVICE_UNLOCK_UNAVAILABLE',
        availability === 'plain-text'
          ? 'The system keyring keeps secrets as plain text here.'
          : 'No system keyring is available to this door.',
      );
    }

    return store;
  }

  /** Removes the device file, durably; true when there was one. */
  #forgetDevice(): boolean {
    const { paths } = this.#options;
    const path = deviceFilePath(paths);
    if (!existsSync(path)) return false;

    rmSync(path, { force: true });
    fsyncFolder(paths.dir);
    this.#log.info('device unlock disabled');

    return true;
  }

  #makeVaultFolder(): void {
    const { dir } = this.#options.paths;
    try {
      if (!existsSync(dir)) {
        makeFolderTree(dir);
        if (process.platform !== 'win32') chmodSync(dir, 0o700);
      }
    } catch (error) {
      const translated = translate(error);
      if (translated instanceof OperationError) throw translated;
      // ENOENT, ENOTDIR and the like: the folder cannot exist where it was asked for.
      throw new OperationError('NO_PERMISSION', 'The vault folder cannot be created there.');
    }
  }

  #assertVaultFilesPresent(): void {
    const { paths } = this.#options;
    const hasDatabase = existsSync(paths.database) || existsSync(`${paths.database}.creating`);
    const hasKeyFile = existsSync(paths.keyFile);
    if (!hasDatabase && !hasKeyFile && !existsSync(restoreMarker(paths))) {
      throw new OperationError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
    }
    if (!hasKeyFile && !existsSync(restoreMarker(paths))) {
      throw new OperationError('KEY_FILE_DAMAGED', 'The key file is missing.');
    }
    if (!hasDatabase && !existsSync(restoreMarker(paths))) {
      throw new OperationError('VAULT_DAMAGED', 'The database file is missing.');
    }
  }

  /**
   * Opens the database with a verified data key and keeps it. Checks, in
   * order and all before any write: schema not newer than this build,
   * integrity of the tables read at open, the vault id against the key
   * file's; then migrates. Takes ownership of `dataKey`.
   */
  #openSession(dataKey: Buffer, keyFile: KeyFile, lock: WriteLock): void {
    const started = performance.now();
    let database: SqliteDatabase;
    try {
      database = openEncryptedDatabase(this.#options.paths.database, dataKey, {
        cipher: databaseCipherOf(keyFile),
      });
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    try {
      assertSchemaNotNewer(database);
      checkIntegrityAtOpen(database);
      const storedId =
        schemaVersion(database) === 0
          ? undefined
          : database
              .prepare<[], { value: string }>("SELECT value FROM vault_meta WHERE key = 'vault_id'")
              .get()?.value;
      if (storedId !== keyFile.vaultId) {
        throw new OperationError('KEY_FILE_MISMATCH', 'The key file belongs to another vault.');
      }
      migrate(database, { log: this.#log });
    } catch (error) {
      database.close();
      dataKey.fill(0);
      throw error;
    }

    const session = new VaultSession({
      database,
      vaultId: keyFile.vaultId,
      appVersion: APP_VERSION,
      events: this.#options.events,
      now: () => new Date(),
    });
    this.#unlocked = {
      session,
      database,
      dataKey,
      lock,
      vaultId: keyFile.vaultId,
      autoLockMinutes: new SettingsRepository(database).get('autoLockMinutes'),
    };
    this.#lastActivity = this.#clock.now();
    this.#armIdleTimer();
    this.#log.info('vault opened', { ms: Math.round(performance.now() - started) });
  }

  async #replacePassphrase(keyFile: KeyFile, newPassphrase: string, action: string): Promise<void> {
    const unlocked = this.#requireUnlocked();
    const slot = await passphraseSlotFor(
      unlocked.dataKey,
      newPassphrase,
      keyFile.vaultId,
      this.#options.scrypt ?? DEFAULT_SCRYPT,
      new Date(),
    );
    const replaced: Omit<KeyFile, 'checksum'> & { checksum?: string } = {
      ...keyFile,
      passphrase: slot,
    };
    delete replaced.checksum;
    // A new passphrase withdraws the device's way in too; it goes first, so
    // that a crash in between leaves the old passphrase with device unlock
    // off, never the new passphrase with it still on.
    this.#forgetDevice();
    writeFileAtomic(this.#options.paths.keyFile, serializeKeyFile(replaced));
    unlocked.session.write(this.#options.door, (transaction) => {
      transaction.audit({ action, subject: `vault:${keyFile.vaultId}` });
    });
    this.#log.info('passphrase replaced', { action });
  }

  #close(
    reason: 'user' | 'idle' | 'other-door' | null,
    options: { keepLock?: boolean } = {},
  ): void {
    const unlocked = this.#unlocked;
    if (unlocked === undefined) return;

    this.#unlocked = undefined;
    this.#clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    unlocked.session.markClosed();
    try {
      unlocked.database.close();
    } finally {
      unlocked.dataKey.fill(0);
      if (options.keepLock !== true) unlocked.lock.release();
    }
    this.#log.info('vault locked', { reason: reason ?? 'closed' });
    if (reason !== null) this.#options.events.emit({ type: 'vault-locked', reason });
  }

  #armIdleTimer(): void {
    this.#clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const unlocked = this.#unlocked;
    if (unlocked === undefined || unlocked.autoLockMinutes <= 0) return;

    const limit = unlocked.autoLockMinutes * 60_000;
    const remaining = this.#lastActivity + limit - this.#clock.now();
    this.#idleTimer = this.#clock.setTimeout(
      () => {
        this.#idleTimer = undefined;
        if (this.#unlocked !== unlocked) return;
        if (this.#clock.now() - this.#lastActivity >= limit) {
          void this.lock('idle');
        } else {
          this.#armIdleTimer();
        }
      },
      Math.max(remaining, 0),
    );
  }

  /**
   * Finishes what a crash interrupted, under the write lock: a create past
   * its commit point (key file in place, database still under its temporary
   * name), a restore past its marker; and removes what never committed.
   */
  #finishInterruptedWork(): void {
    const { paths } = this.#options;
    const creating = `${paths.database}.creating`;
    if (existsSync(paths.keyFile) && !existsSync(paths.database) && existsSync(creating)) {
      renameSync(creating, paths.database);
      fsyncFolder(paths.dir);
      this.#log.warn('interrupted create finished');
    }

    const stagedDatabase = `${paths.database}.restore`;
    const stagedKeyFile = `${paths.keyFile}.restore`;
    if (existsSync(restoreMarker(paths))) {
      const replaced = join(
        paths.dir,
        `replaced-${new Date().toISOString().replace(/[-:.]/g, '')}`,
      );
      if (existsSync(stagedDatabase)) {
        for (const file of [paths.database, `${paths.database}-wal`, `${paths.database}-shm`]) {
          moveInto(file, replaced);
        }
        renameSync(stagedDatabase, paths.database);
      }
      if (existsSync(stagedKeyFile)) {
        // The restored key file starts without device unlock, like a new vault.
        rmSync(deviceFilePath(paths), { force: true });
        moveInto(paths.keyFile, replaced);
        renameSync(stagedKeyFile, paths.keyFile);
      }
      fsyncFolder(paths.dir);
      rmSync(restoreMarker(paths), { force: true });
      fsyncFolder(paths.dir);
      this.#log.info('restore swap finished');
    } else {
      removeDatabaseFiles(stagedDatabase);
      rmSync(stagedKeyFile, { force: true });
    }

    for (const name of readdirSync(paths.dir)) {
      if (isAtomicTemporary(name)) rmSync(join(paths.dir, name), { force: true });
    }
  }
}

/** Where this device's remembered key is kept; never part of a backup. */
export function deviceFilePath(paths: VaultPaths): string {
  return join(paths.dir, 'vault.device');
}

function readDeviceFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') {
      throw new OperationError('DEVICE_UNLOCK_FAILED', 'The device file is missing.');
    }
    throw translate(error);
  }
}

/**
 * Creates a folder and its missing parents one level at a time. Node's own
 * recursive mkdir never returns for some paths it cannot create (under /proc,
 * for one); one level at a time, every refusal comes back as an error.
 */
function makeFolderTree(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder, { mode: 0o700 });
}

function restoreMarker(paths: VaultPaths): string {
  return join(paths.dir, 'restore.pending');
}

function moveInto(file: string, folder: string): void {
  if (!existsSync(file)) return;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  renameSync(file, join(folder, file.split(/[\\/]/).at(-1) ?? 'file'));
}

function removeDatabaseFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

function translate(error: unknown): unknown {
  return storeErrorFor(error) ?? error;
}

function readKeyFile(path: string): KeyFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') {
      throw new OperationError('KEY_FILE_DAMAGED', 'The key file is missing.');
    }
    throw translate(error);
  }

  return parseKeyFile(bytes);
}

export function readDatabaseSalt(path: string): Buffer {
  const salt = Buffer.alloc(DATABASE_SALT_BYTES);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, salt, 0, DATABASE_SALT_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') {
      throw new OperationError('VAULT_DAMAGED', 'The database file is missing.');
    }
    throw translate(error);
  }
  if (read < DATABASE_SALT_BYTES) {
    throw new OperationError('VAULT_DAMAGED', 'The database file is truncated.');
  }

  return salt;
}

/**
 * Ties the key file to its database before any key is derived. Another
 * vault's salt differs in about half its 128 bits; a few flipped bits, or a
 * blanked start, mean the database itself is damaged.
 */
function assertKeyFileMatchesDatabase(keyFile: KeyFile, databasePath: string): void {
  const actual = readDatabaseSalt(databasePath);
  const expected = Buffer.from(keyFile.databaseSalt, 'hex');
  if (actual.equals(expected)) return;

  const blank = actual.every((byte) => byte === actual[0]);
  if (blank || hammingDistance(actual, expected) <= 8) {
    throw new OperationError('VAULT_DAMAGED', 'The start of the database file is damaged.');
  }
  throw new OperationError('KEY_FILE_MISMATCH', 'The key file belongs to another vault.');
}
