import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { OperationError } from '../../../shared/api/result';
import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import { DATA_KEY_BYTES } from '../store/database';

/**
 * "Remember on this device": a way in that needs no passphrase, kept only
 * where the operating system can protect a secret for this user (Keychain,
 * DPAPI, a Linux keyring). Core never imports Electron; the desktop shell
 * passes an adapter over `safeStorage`, browser mode and the CLI pass none.
 */
export type DeviceSecretAvailability = 'available' | 'plain-text' | 'unavailable';

export interface DeviceSecretStore {
  /**
   * 'plain-text' when the OS would keep the secret readable by anything that
   * can read the user's files (Linux `basic_text`): device unlock is refused
   * there, since it would amount to storing the data key in clear.
   */
  availability(): DeviceSecretAvailability;
  /** Encrypts `secret` so that only this user on this machine can reveal it. */
  protect(secret: Buffer): Promise<Buffer>;
  /** Reverses `protect`; throws when the OS cannot (keyring changed, other machine). */
  reveal(blob: Buffer): Promise<Buffer>;
}

/**
 * The device file beside the key file (`vault.device`), UTF-8 JSON:
 *
 *   { format, version, vaultId, createdAt, protectedKey, iv, ciphertext, tag, checksum }
 *
 * The data key is sealed with AES-256-GCM under a fresh random device key,
 * and only that device key goes to the OS store (`protectedKey`). So the OS
 * API never sees the data key, the file alone opens nothing, and the OS
 * blob alone opens nothing either. The associated data names the format and
 * the vault id, so another vault's device file, or an edited vault id, fails
 * the tag. `checksum` (SHA-256 of the canonical JSON of the rest) tells a
 * damaged file from one the OS refuses, for the logs; the person is told the
 * same thing in both cases: use the passphrase.
 */
export const DEVICE_FILE_FORMAT = 'pci-saq-vault-device';
export const DEVICE_FILE_VERSION = 1;
const DEVICE_KEY_BYTES = 32;
const IV_BYTES = 12;

const deviceFileSchema = z
  .object({
    format: z.literal(DEVICE_FILE_FORMAT),
    version: z.literal(DEVICE_FILE_VERSION),
    vaultId: z.uuid(),
    createdAt: z.string(),
    protectedKey: z.base64().max(4096),
    iv: z.base64(),
    ciphertext: z.base64(),
    tag: z.base64(),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type DeviceFile = z.infer<typeof deviceFileSchema>;

function deviceUnlockFailed(why: string): OperationError {
  return new OperationError('DEVICE_UNLOCK_FAILED', `Device unlock failed: ${why}.`);
}

function associatedData(vaultId: string): Buffer {
  return Buffer.from(`${DEVICE_FILE_FORMAT}/${DEVICE_FILE_VERSION}/${vaultId}`, 'utf8');
}

function checksumOf(file: Omit<DeviceFile, 'checksum'>): string {
  return sha256Hex(canonicalJson(file));
}

/** Seals `dataKey` for this device; the caller writes the bytes atomically. */
export async function sealDeviceFile(options: {
  readonly vaultId: string;
  readonly dataKey: Buffer;
  readonly store: DeviceSecretStore;
  readonly now: Date;
}): Promise<Buffer> {
  const deviceKey = randomBytes(DEVICE_KEY_BYTES);
  try {
    const protectedKey = await options.store.protect(deviceKey);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', deviceKey, iv);
    cipher.setAAD(associatedData(options.vaultId));
    const ciphertext = Buffer.concat([cipher.update(options.dataKey), cipher.final()]);
    const file: Omit<DeviceFile, 'checksum'> = {
      format: DEVICE_FILE_FORMAT,
      version: DEVICE_FILE_VERSION,
      vaultId: options.vaultId,
      createdAt: options.now.toISOString(),
      protectedKey: protectedKey.toString('base64'),
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };

    return Buffer.from(`${JSON.stringify({ ...file, checksum: checksumOf(file) }, null, 2)}\n`);
  } finally {
    deviceKey.fill(0);
  }
}

/** Reads a device file's bytes; anything malformed is DEVICE_UNLOCK_FAILED. */
export function parseDeviceFile(bytes: Buffer): DeviceFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw deviceUnlockFailed('device file is not JSON');
  }
  const parsed = deviceFileSchema.safeParse(json);
  if (!parsed.success) throw deviceUnlockFailed('device file has an unexpected structure');

  const { checksum, ...rest } = parsed.data;
  const expected = Buffer.from(checksumOf(rest), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(checksum, 'hex'))) {
    throw deviceUnlockFailed('device file checksum mismatch');
  }

  return parsed.data;
}

/**
 * The data key behind a device file of vault `vaultId`. Every failure (other
 * vault, OS refusal, wrong device key) is DEVICE_UNLOCK_FAILED, and nothing
 * is written: the passphrase still opens the vault as before.
 */
export async function openDeviceFile(
  file: DeviceFile,
  vaultId: string,
  store: DeviceSecretStore,
): Promise<Buffer> {
  if (file.vaultId !== vaultId) throw deviceUnlockFailed('device file of another vault');

  let deviceKey: Buffer;
  try {
    deviceKey = await store.reveal(Buffer.from(file.protectedKey, 'base64'));
  } catch {
    throw deviceUnlockFailed('the operating system did not reveal the device key');
  }
  try {
    if (deviceKey.length !== DEVICE_KEY_BYTES) {
      throw deviceUnlockFailed('the revealed device key has the wrong length');
    }
    let dataKey: Buffer;
    try {
      const iv = Buffer.from(file.iv, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', deviceKey, iv);
      decipher.setAAD(associatedData(vaultId));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      dataKey = Buffer.concat([
        decipher.update(Buffer.from(file.ciphertext, 'base64')),
        decipher.final(),
      ]);
    } catch {
      throw deviceUnlockFailed('the device key does not open the device file');
    }
    if (dataKey.length !== DATA_KEY_BYTES) {
      dataKey.fill(0);
      throw deviceUnlockFailed('the sealed data key has the wrong length');
    }

    return dataKey;
  } finally {
    deviceKey.fill(0);
  }
}
