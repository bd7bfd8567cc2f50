import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AuditHead, BackupSummary } from '../../../shared/api/ops/vault';
import { OperationError } from '../../../shared/api/result';
import { AuditTrail } from '../audit/audit-trail';
import { integrityProblems, openEncryptedDatabase, type DatabaseCipher } from '../store/database';
import { nodeErrorCode, storeErrorFor } from '../store/errors';
import { assertSchemaNotNewer, schemaVersion } from '../store/migrate';
import { fsyncFolder, writeAndSync } from './atomic-file';

/**
 * A backup is a folder `pci-saq-backup-<UTC time>` holding a copy of the
 * encrypted database, a copy of the key file (so the backup opens with the
 * passphrase and recovery key that were valid when it was made) and
 * `backup.json`: sizes and SHA-256 of both files, the vault id, schema
 * version and audit head. Nothing in it is plaintext vault content. It is
 * written as a hidden `.partial` folder and renamed once complete and
 * verified, so a crash never leaves a folder that looks like a backup.
 */

export const BACKUP_PREFIX = 'pci-saq-backup-';
export const BACKUP_DATABASE = 'vault.db';
export const BACKUP_KEY_FILE = 'vault.key';
export const BACKUP_MANIFEST = 'backup.json';

const fileEntry = z
  .object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();
const manifestSchema = z
  .object({
    format: z.literal('pci-saq-backup'),
    version: z.literal(1),
    vaultId: z.uuid(),
    createdAt: z.string(),
    appVersion: z.string(),
    schemaVersion: z.number().int().nonnegative(),
    audit: z.object({ length: z.number().int().nonnegative(), head: z.string() }).strict(),
    files: z.object({ [BACKUP_DATABASE]: fileEntry, [BACKUP_KEY_FILE]: fileEntry }).strict(),
  })
  .strict();

export type BackupManifest = z.infer<typeof manifestSchema>;

export function fileDigest(path: string): { size: number; sha256: string } {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1024 * 1024);
  let size = 0;
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
      size += read;
    }
  } finally {
    closeSync(fd);
  }

  return { size, sha256: hash.digest('hex') };
}

/** Copies a file and makes the copy durable before returning. */
export function copyAndSync(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function backupFolderName(now: Date, taken: (name: string) => boolean): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  let name = `${BACKUP_PREFIX}${stamp}`;
  for (let n = 2; taken(name); n += 1) name = `${BACKUP_PREFIX}${stamp}-${n}`;

  return name;
}

export interface VerifiedCopy {
  readonly schemaVersion: number;
  readonly audit: AuditHead;
}

/**
 * Opens a copy of the database with the data key and checks everything a
 * restore would rely on: full integrity check, the vault id, a schema this
 * build can read, and an intact audit chain. Read-only in effect: nothing is
 * written, and the journal files the open creates are gone after close.
 */
export function verifyDatabaseCopy(
  path: string,
  dataKey: Buffer,
  expected: { readonly vaultId: string; readonly cipher: DatabaseCipher },
): VerifiedCopy {
  const { vaultId } = expected;
  const database = openEncryptedDatabase(path, dataKey, { cipher: expected.cipher });
  try {
    assertSchemaNotNewer(database);
    const problems = integrityProblems(database);
    if (problems.length > 0) {
      throw new OperationError(
        'VAULT_DAMAGED',
        `The copy failed its integrity check (${problems.length}).`,
      );
    }
    const storedId = database
      .prepare<[], { value: string }>("SELECT value FROM vault_meta WHERE key = 'vault_id'")
      .get()?.value;
    if (storedId !== vaultId) {
      throw new OperationError('KEY_FILE_MISMATCH', 'The copy belongs to another vault.');
    }
    const trail = new AuditTrail(database, {
      appVersion: '',
      now: () => new Date(),
      preparer: () => '',
    });
    const verification = trail.verify();
    if (!verification.ok) {
      throw new OperationError('VAULT_DAMAGED', 'The copy has a broken audit trail.');
    }

    return {
      schemaVersion: schemaVersion(database),
      audit: { length: verification.length, head: verification.head },
    };
  } finally {
    database.close();
  }
}

export interface WriteBackupOptions {
  readonly destination: string;
  readonly databasePath: string;
  readonly keyFileBytes: Buffer;
  readonly dataKey: Buffer;
  readonly vaultId: string;
  readonly databaseCipher: DatabaseCipher;
  readonly appVersion: string;
  readonly now: Date;
  /** Called with no transaction open, right before the copy: checkpoint the WAL here. */
  readonly checkpoint: () => void;
  readonly progress?: (stage: string) => void;
}

/** Writes and verifies one backup folder; returns its manifest and name. */
export function writeBackup(options: WriteBackupOptions): {
  name: string;
  manifest: BackupManifest;
} {
  try {
    mkdirSync(options.destination, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw storeErrorFor(error) ?? error;
  }
  removeAbandonedPartials(options.destination, options.now);
  const name = backupFolderName(options.now, (candidate) =>
    existsSync(join(options.destination, candidate)),
  );
  const partial = join(options.destination, `.${name}.partial`);
  const copy = join(partial, BACKUP_DATABASE);
  const keyCopy = join(partial, BACKUP_KEY_FILE);

  try {
    mkdirSync(partial, { mode: 0o700 });
    options.progress?.('copy');
    // Checkpoint and copy with no await in between: nothing else in this
    // process can write, and the lock keeps every other process out.
    options.checkpoint();
    copyAndSync(options.databasePath, copy);
    writeAndSync(keyCopy, options.keyFileBytes);

    options.progress?.('verify');
    const verified = verifyDatabaseCopy(copy, options.dataKey, {
      vaultId: options.vaultId,
      cipher: options.databaseCipher,
    });
    const manifest: BackupManifest = {
      format: 'pci-saq-backup',
      version: 1,
      vaultId: options.vaultId,
      createdAt: options.now.toISOString(),
      appVersion: options.appVersion,
      schemaVersion: verified.schemaVersion,
      audit: verified.audit,
      files: { [BACKUP_DATABASE]: fileDigest(copy), [BACKUP_KEY_FILE]: fileDigest(keyCopy) },
    };
    writeAndSync(
      join(partial, BACKUP_MANIFEST),
      Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    );
    fsyncFolder(partial);
    renameSync(partial, join(options.destination, name));
    fsyncFolder(options.destination);

    return { name, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw storeErrorFor(error) ?? error;
  }
}

/**
 * Partial folders of backups that a crash interrupted. Only old ones go: a
 * backup of another vault into the same folder may be running right now.
 */
function removeAbandonedPartials(destination: string, now: Date): void {
  for (const name of readdirSync(destination)) {
    if (!name.startsWith(`.${BACKUP_PREFIX}`) || !name.endsWith('.partial')) continue;
    const folder = join(destination, name);
    try {
      if (now.getTime() - statSync(folder).mtimeMs > 60 * 60_000) {
        rmSync(folder, { recursive: true, force: true });
      }
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Reads a backup folder's manifest and checks both files against it. */
export function readBackup(folder: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(join(folder, BACKUP_MANIFEST), 'utf8');
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') {
      throw new OperationError('NOT_FOUND', 'There is no backup there.');
    }
    throw storeErrorFor(error) ?? error;
  }
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(text));
  } catch {
    throw new OperationError('VAULT_DAMAGED', 'The backup description is damaged.');
  }

  return manifest;
}

export function assertBackupFilesIntact(folder: string, manifest: BackupManifest): void {
  for (const file of [BACKUP_DATABASE, BACKUP_KEY_FILE] as const) {
    let actual: { size: number; sha256: string };
    try {
      actual = fileDigest(join(folder, file));
    } catch (error) {
      if (nodeErrorCode(error) === 'ENOENT') {
        throw new OperationError('VAULT_DAMAGED', `The backup is missing ${file}.`);
      }
      throw storeErrorFor(error) ?? error;
    }
    const expected = manifest.files[file];
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
      throw new OperationError(
        'VAULT_DAMAGED',
        `The backup's ${file} has changed since it was made.`,
      );
    }
  }
}

export function summarizeBackup(
  folder: string,
  name: string,
  manifest: BackupManifest,
  currentVaultId: string | null,
): BackupSummary {
  return {
    name,
    location: folder,
    createdAt: manifest.createdAt,
    vaultId: manifest.vaultId,
    sameVault: manifest.vaultId === currentVaultId,
    sizeBytes: manifest.files[BACKUP_DATABASE].size + manifest.files[BACKUP_KEY_FILE].size,
    schemaVersion: manifest.schemaVersion,
    audit: manifest.audit,
    appVersion: manifest.appVersion,
  };
}

/** The backups in a folder, newest first; folders that are not intact backups are left out. */
export function listBackups(destination: string, currentVaultId: string | null): BackupSummary[] {
  let names: string[];
  try {
    names = readdirSync(destination);
  } catch (error) {
    if (nodeErrorCode(error) === 'ENOENT') return [];
    throw storeErrorFor(error) ?? error;
  }

  return names
    .filter((name) => name.startsWith(BACKUP_PREFIX))
    .flatMap((name) => {
      const folder = join(destination, name);
      try {
        if (!statSync(folder).isDirectory()) return [];
        return [summarizeBackup(folder, name, readBackup(folder), currentVaultId)];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}
