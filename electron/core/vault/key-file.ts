import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';
import { normalizePassphrase } from '../../../shared/domain/passphrase-strength';
import { OperationError } from '../../../shared/api/result';
import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import {
  DATA_KEY_BYTES,
  DATABASE_CIPHERS,
  ORIGINAL_VAULT_CIPHER,
  type DatabaseCipher,
} from '../store/database';

/**
 * The key file beside the database (`vault.key`), UTF-8 JSON:
 *
 *   { format, version, vaultId, databaseSalt, databaseCipher?, createdAt,
 *     passphrase: { kdf: { name: 'scrypt', N, r, p, salt }, iv, ciphertext, tag, changedAt },
 *     recovery:   { kdf: { name: 'hkdf-sha256' }, iv, ciphertext, tag },
 *     checksum }
 *
 * Both slots hold the same 256-bit data key, sealed with AES-256-GCM: one by
 * a key derived from the passphrase with scrypt (parameters stored, so that
 * they can be raised later and so that tests can use cheap ones), one by a
 * key derived from the recovery key with HKDF (the recovery key is already
 * 160 random bits, so it needs no slow derivation). Each slot's associated
 * data names the format, the vault id and the slot, so a slot moved into
 * another vault's file, or into the other slot, does not open.
 *
 * `databaseCipher` names how the database's pages are encrypted; a file
 * without it belongs to a vault created before the choice was recorded,
 * which is SQLCipher 4 (see `DatabaseCipher`). `databaseSalt` is the first
 * 16 bytes of the encrypted database (both ciphers keep their random salt
 * there in clear), which ties the file to its
 * database before any key is derived. `checksum` is SHA-256 over the
 * canonical JSON of everything else. Together they keep apart the errors a
 * person must act on differently: a damaged file (checksum), another vault's
 * file (salt or vault id), and a wrong passphrase (GCM tag).
 */

export const KEY_FILE_FORMAT = 'pci-saq-vault-key';
export const KEY_FILE_VERSION = 1;
const IV_BYTES = 12;
const SALT_BYTES = 16;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About half a second on a current laptop; never lowered for real vaults. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * Bounds on what a key file may ask for. The lower bound admits the cheap
 * parameters tests use; the upper bounds stop a crafted file from making the
 * app allocate gigabytes.
 */
const scryptKdf = z
  .object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 22)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64(),
  })
  .strict();

const sealed = {
  iv: z.base64(),
  ciphertext: z.base64(),
  tag: z.base64(),
};

const keyFileSchema = z
  .object({
    format: z.literal(KEY_FILE_FORMAT),
    version: z.literal(KEY_FILE_VERSION),
    vaultId: z.uuid(),
    databaseSalt: z.string().regex(/^[0-9a-f]{32}$/),
    databaseCipher: z.enum(DATABASE_CIPHERS).optional(),
    createdAt: z.string(),
    passphrase: z.object({ kdf: scryptKdf, ...sealed, changedAt: z.string() }).strict(),
    recovery: z
      .object({ kdf: z.object({ name: z.literal('hkdf-sha256') }).strict(), ...sealed })
      .strict(),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type KeyFile = z.infer<typeof keyFileSchema>;
type Slot = 'passphrase' | 'recovery';

function scryptAsync(secret: Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      secret,
      salt,
      32,
      // maxmem must cover 128 * N * r bytes, or Node refuses the parameters.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}

/** The passphrase wrapping key: scrypt over the NFC-normalised passphrase, every code point. */
export async function derivePassphraseKey(
  passphrase: string,
  salt: Buffer,
  params: ScryptParams,
): Promise<Buffer> {
  const secret = Buffer.from(normalizePassphrase(passphrase), 'utf8');
  try {
    return await scryptAsync(secret, salt, params);
  } finally {
    secret.fill(0);
  }
}

export function deriveRecoveryWrappingKey(recoveryKey: Buffer, vaultId: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', recoveryKey, Buffer.from(vaultId, 'utf8'), 'pci-saq recovery wrap 1', 32),
  );
}

function associatedData(vaultId: string, slot: Slot): Buffer {
  return Buffer.from(`${KEY_FILE_FORMAT}/${KEY_FILE_VERSION}/${vaultId}/${slot}`, 'utf8');
}

function seal(dataKey: Buffer, wrappingKey: Buffer, vaultId: string, slot: Slot) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(associatedData(vaultId, slot));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);

  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Opens a slot; undefined when the wrapping key is wrong (the GCM tag fails). */
function open(
  slot: { iv: string; ciphertext: string; tag: string },
  wrappingKey: Buffer,
  vaultId: string,
  name: Slot,
): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(associatedData(vaultId, name));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const dataKey = Buffer.concat([
      decipher.update(Buffer.from(slot.ciphertext, 'base64')),
      decipher.final(),
    ]);
    if (dataKey.length !== DATA_KEY_BYTES) {
      dataKey.fill(0);
      return undefined;
    }
    return dataKey;
  } catch {
    return undefined;
  }
}

function checksumOf(file: Omit<KeyFile, 'checksum'>): string {
  return sha256Hex(canonicalJson(file));
}

export function serializeKeyFile(file: Omit<KeyFile, 'checksum'>): Buffer {
  const withChecksum: KeyFile = { ...file, checksum: checksumOf(file) };

  return Buffer.from(`${JSON.stringify(withChecksum, null, 2)}\n`, 'utf8');
}

/** Reads a key file's bytes; anything malformed or with a wrong checksum is KEY_FILE_DAMAGED. */
export function parseKeyFile(bytes: Buffer): KeyFile {
  const damaged = (why: string) =>
    new OperationError('KEY_FILE_DAMAGED', `The key file is damaged: ${why}.`);

  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('not JSON');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw damaged('unexpected structure');

  const { checksum, ...rest } = parsed.data;
  const expected = Buffer.from(checksumOf(rest), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(checksum, 'hex'))) throw damaged('checksum mismatch');

  return parsed.data;
}

/** How the vault's database is encrypted. */
export function databaseCipherOf(file: Pick<KeyFile, 'databaseCipher'>): DatabaseCipher {
  return file.databaseCipher ?? ORIGINAL_VAULT_CIPHER;
}

export interface NewKeyFile {
  readonly file: Omit<KeyFile, 'checksum'>;
  readonly recoveryKey: Buffer;
}

/** Seals a fresh data key for a new vault under a passphrase and a new recovery key. */
export async function createKeyFile(options: {
  readonly vaultId: string;
  readonly databaseSalt: string;
  readonly databaseCipher: DatabaseCipher;
  readonly dataKey: Buffer;
  readonly passphrase: string;
  readonly recoveryKey: Buffer;
  readonly scrypt: ScryptParams;
  readonly now: Date;
}): Promise<Omit<KeyFile, 'checksum'>> {
  const passphraseSlot = await passphraseSlotFor(
    options.dataKey,
    options.passphrase,
    options.vaultId,
    options.scrypt,
    options.now,
  );
  const recoveryWrappingKey = deriveRecoveryWrappingKey(options.recoveryKey, options.vaultId);
  try {
    return {
      format: KEY_FILE_FORMAT,
      version: KEY_FILE_VERSION,
      vaultId: options.vaultId,
      databaseSalt: options.databaseSalt,
      databaseCipher: options.databaseCipher,
      createdAt: options.now.toISOString(),
      passphrase: passphraseSlot,
      recovery: {
        kdf: { name: 'hkdf-sha256' },
        ...seal(options.dataKey, recoveryWrappingKey, options.vaultId, 'recovery'),
      },
    };
  } finally {
    recoveryWrappingKey.fill(0);
  }
}

/** A new passphrase slot (fresh salt, the given parameters) for an existing data key. */
export async function passphraseSlotFor(
  dataKey: Buffer,
  passphrase: string,
  vaultId: string,
  params: ScryptParams,
  now: Date,
): Promise<KeyFile['passphrase']> {
  const salt = randomBytes(SALT_BYTES);
  const wrappingKey = await derivePassphraseKey(passphrase, salt, params);
  try {
    return {
      kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
      ...seal(dataKey, wrappingKey, vaultId, 'passphrase'),
      changedAt: now.toISOString(),
    };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The data key behind the passphrase slot; WRONG_PASSPHRASE when the tag does not match. */
export async function unwrapWithPassphrase(file: KeyFile, passphrase: string): Promise<Buffer> {
  const { kdf } = file.passphrase;
  const wrappingKey = await derivePassphraseKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
  try {
    const dataKey = open(file.passphrase, wrappingKey, file.vaultId, 'passphrase');
    if (dataKey === undefined) {
      throw new OperationError('WRONG_PASSPHRASE', 'The passphrase does not open this key file.');
    }
    return dataKey;
  } finally {
    wrappingKey.fill(0);
  }
}

export function unwrapWithRecoveryKey(file: KeyFile, recoveryKey: Buffer): Buffer {
  const wrappingKey = deriveRecoveryWrappingKey(recoveryKey, file.vaultId);
  try {
    const dataKey = open(file.recovery, wrappingKey, file.vaultId, 'recovery');
    if (dataKey === undefined) {
      throw new OperationError(
        'WRONG_RECOVERY_KEY',
        'The recovery key does not open this key file.',
      );
    }
    return dataKey;
  } finally {
    wrappingKey.fill(0);
  }
}
