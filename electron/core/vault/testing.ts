import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../events';
import { silentLogger, type Logger } from '../log/logger';
import { vaultPaths } from '../paths';
import type { DatabaseCipher } from '../store/database';
import type { SqliteDatabase } from '../store/sqlite-binding';
import type { DeviceSecretAvailability, DeviceSecretStore } from './device-file';
import type { ScryptParams } from './key-file';
import { VaultService, type IdleClock } from './vault-service';

/**
 * Helpers for tests and benchmarks that need real vaults in temporary
 * folders. Only here is the key derivation made cheap (N=2^10 instead of
 * 2^17): a vault created this way is exactly as encrypted, only its
 * passphrase is faster to guess.
 */
export const CHEAP_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface TemporaryVault {
  readonly root: string;
  readonly service: VaultService;
  readonly events: EventHub;
  /** A second service on the same folder (as another window or process would have). */
  reopen(options?: { clock?: IdleClock }): VaultService;
  remove(): Promise<void>;
}

export function temporaryVault(
  options: {
    log?: Logger;
    clock?: IdleClock;
    prefix?: string;
    deviceSecrets?: DeviceSecretStore;
    /** To build a vault as an earlier build did (SQLCipher 4). */
    newVaultCipher?: DatabaseCipher;
  } = {},
): TemporaryVault {
  const root = mkdtempSync(join(tmpdir(), options.prefix ?? 'pci-saq-vault-'));
  const events = new EventHub();
  const make = (clock?: IdleClock) =>
    new VaultService({
      paths: vaultPaths(join(root, 'vault')),
      backupsDir: join(root, 'backups'),
      door: 'desktop',
      log: options.log ?? silentLogger,
      events,
      scrypt: CHEAP_SCRYPT,
      ...(clock === undefined ? {} : { clock }),
      ...(options.deviceSecrets === undefined ? {} : { deviceSecrets: options.deviceSecrets }),
      ...(options.newVaultCipher === undefined ? {} : { newVaultCipher: options.newVaultCipher }),
    });
  const service = make(options.clock);

  return {
    root,
    service,
    events,
    reopen: (reopenOptions = {}) => make(reopenOptions.clock),
    async remove() {
      await service.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The payload a test row gets: recognisable per row, so a test can check it exactly. */
export function markerPayload(row: number, marker: string): Record<string, string> {
  return { notes: `${marker} row ${row}` };
}

/** Adds a merchant profile and an assessment for answers to belong to. */
export function seedAssessment(database: SqliteDatabase, id = 'assessment-1'): string {
  const now = new Date().toISOString();
  database
    .prepare(
      `INSERT OR IGNORE INTO merchant_profiles (id, company_name, contact_name, created_at, updated_at)
       VALUES ('profile-1', 'Example Shop Ltd', 'Pat Preparer', ?, ?)`,
    )
    .run(now, now);
  database
    .prepare(
      `INSERT INTO assessments (id, profile_id, saq_type, questionnaire_id, questionnaire_version,
         questionnaire_sha256, created_at, updated_at)
       VALUES (?, 'profile-1', 'A', 'saq-a', '4.0.1', ?, ?, ?)`,
    )
    .run(id, '0'.repeat(64), now, now);

  return id;
}

/**
 * Stands in for the OS keyring: AES-GCM under a key of its own. Replacing
 * that key is what a reset keyring or another machine looks like.
 */
export class FakeKeyring implements DeviceSecretStore {
  state: DeviceSecretAvailability = 'available';
  osKey = randomBytes(32);
  revealThrows = false;
  revealed: Buffer[] = [];

  availability(): DeviceSecretAvailability {
    return this.state;
  }

  protect(secret: Buffer): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.osKey, iv);
    const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);

    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), sealed]));
  }

  reveal(blob: Buffer): Promise<Buffer> {
    if (this.revealThrows) return Promise.reject(new Error('keyring locked'));
    const decipher = createDecipheriv('aes-256-gcm', this.osKey, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    const secret = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
    this.revealed.push(secret);

    return Promise.resolve(secret);
  }
}
