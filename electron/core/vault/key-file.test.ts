import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import {
  createKeyFile,
  parseKeyFile,
  serializeKeyFile,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  type KeyFile,
} from './key-file';
import { generateRecoveryKey } from './recovery-key';
import { CHEAP_SCRYPT } from './testing';

const passphrase = 'key file test passphrase';

async function makeKeyFile(dataKey = randomBytes(32), recoveryKey = generateRecoveryKey()) {
  const file = await createKeyFile({
    vaultId: crypto.randomUUID(),
    databaseSalt: randomBytes(16).toString('hex'),
    databaseCipher: 'aegis-256',
    dataKey,
    passphrase,
    recoveryKey,
    scrypt: CHEAP_SCRYPT,
    now: new Date('2026-01-01T00:00:00Z'),
  });
  return { file: parseKeyFile(serializeKeyFile(file)), dataKey, recoveryKey };
}

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    return error instanceof OperationError ? error.code : String(error);
  }
}

/** Re-serialises a key file after a change, with a correct checksum (a forged, not a damaged file). */
function reseal(file: KeyFile): KeyFile {
  const copy: Partial<KeyFile> = { ...file };
  delete copy.checksum;
  return parseKeyFile(serializeKeyFile(copy as Omit<KeyFile, 'checksum'>));
}

describe('key file', () => {
  it('opens with the passphrase and with the recovery key, giving the same data key', async () => {
    const { file, dataKey, recoveryKey } = await makeKeyFile();

    expect((await unwrapWithPassphrase(file, passphrase)).equals(dataKey)).toBe(true);
    expect(unwrapWithRecoveryKey(file, recoveryKey).equals(dataKey)).toBe(true);
    expect(file.passphrase.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
  });

  it('stores no secret in clear', async () => {
    const { file, dataKey, recoveryKey } = await makeKeyFile();
    const text = serializeKeyFile(file);

    for (const secret of [dataKey, recoveryKey, Buffer.from(passphrase)]) {
      expect(text.includes(secret)).toBe(false);
      expect(text.includes(Buffer.from(secret.toString('hex')))).toBe(false);
      expect(text.includes(Buffer.from(secret.toString('base64')))).toBe(false);
    }
  });

  it('tells a wrong passphrase from a damaged file', async () => {
    const { file } = await makeKeyFile();
    const bytes = serializeKeyFile(file);

    expect(await codeOf(() => unwrapWithPassphrase(file, 'wrong passphrase!!'))).toBe(
      'WRONG_PASSPHRASE',
    );
    for (const offset of [0, 40, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const damaged = Buffer.from(bytes);
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      expect(await codeOf(() => parseKeyFile(damaged))).toBe('KEY_FILE_DAMAGED');
    }
    expect(await codeOf(() => parseKeyFile(Buffer.from('{}')))).toBe('KEY_FILE_DAMAGED');
  });

  it('binds each slot to its vault id and its slot name', async () => {
    const a = await makeKeyFile();
    const b = await makeKeyFile();

    // A slot carried into another vault's file (checksum recomputed) does not open.
    const moved = reseal({ ...b.file, passphrase: a.file.passphrase });
    expect(await codeOf(() => unwrapWithPassphrase(moved, passphrase))).toBe('WRONG_PASSPHRASE');
    // Nor does the recovery slot opened as if it were the passphrase slot's content.
    const crossed = reseal({
      ...a.file,
      recovery: { ...a.file.recovery, ...pick(a.file.passphrase) },
    });
    expect(await codeOf(() => unwrapWithRecoveryKey(crossed, a.recoveryKey))).toBe(
      'WRONG_RECOVERY_KEY',
    );
  });

  it('refuses key derivation parameters outside sane bounds', async () => {
    const { file } = await makeKeyFile();
    const greedy = {
      ...file,
      passphrase: { ...file.passphrase, kdf: { ...file.passphrase.kdf, N: 2 ** 30 } },
    };
    const copy: Partial<KeyFile> = { ...greedy };
    delete copy.checksum;

    expect(
      await codeOf(() => parseKeyFile(serializeKeyFile(copy as Omit<KeyFile, 'checksum'>))),
    ).toBe('KEY_FILE_DAMAGED');
  });
});

function pick(slot: KeyFile['passphrase']) {
  return { iv: slot.iv, ciphertext: slot.ciphertext, tag: slot.tag };
}
