import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { safeStorageDeviceSecrets, type SafeStorageApi } from './device-secret-store';
import { testLogger } from './fakes.test-support';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/**
 * A stand-in for Electron's safeStorage: "encrypts" by reversing the bytes
 * behind a prefix naming the OS key in use, so a changed key is detectable.
 */
class FakeSafeStorage implements SafeStorageApi {
  backend: Backend;
  osKey = 'key-1';
  readonly encrypted: string[] = [];
  readonly #available: boolean | Error;
  readonly #shouldReEncrypt: boolean;

  constructor(
    options: { backend?: Backend; available?: boolean | Error; shouldReEncrypt?: boolean } = {},
  ) {
    this.backend = options.backend ?? 'gnome_libsecret';
    this.#available = options.available ?? true;
    this.#shouldReEncrypt = options.shouldReEncrypt ?? false;
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    const available = this.#available;
    return available instanceof Error ? Promise.reject(available) : Promise.resolve(available);
  }

  getSelectedStorageBackend(): Backend {
    return this.backend;
  }

  encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encrypted.push(plainText);
    const body = Buffer.from(plainText, 'utf8').reverse();
    return Promise.resolve(Buffer.concat([Buffer.from(`${this.osKey}:`), body]));
  }

  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const prefix = Buffer.from(`${this.osKey}:`);
    if (!encrypted.subarray(0, prefix.length).equals(prefix)) {
      return Promise.reject(new Error('Error while decrypting'));
    }
    const result = Buffer.from(encrypted.subarray(prefix.length)).reverse().toString('utf8');
    return Promise.resolve({ result, shouldReEncrypt: this.#shouldReEncrypt });
  }
}

const fakeSafeStorage = (options?: ConstructorParameters<typeof FakeSafeStorage>[0]) =>
  new FakeSafeStorage(options);

describe('the safeStorage device secret store', () => {
  it('says unavailable until prepared, then protects and reveals a secret', async () => {
    const safeStorage = fakeSafeStorage();
    const store = safeStorageDeviceSecrets(safeStorage, {
      platform: 'linux',
      log: testLogger().log,
    });
    expect(store.availability()).toBe('unavailable');
    await expect(store.protect(randomBytes(32))).rejects.toThrow();

    await store.prepare();
    expect(store.availability()).toBe('available');
    const secret = randomBytes(32);
    const blob = await store.protect(secret);

    expect(blob.includes(secret)).toBe(false);
    expect(safeStorage.encrypted).toEqual([secret.toString('base64')]);
    expect((await store.reveal(blob)).equals(secret)).toBe(true);
  });

  it('reports a plain-text Linux keyring and refuses to use it', async () => {
    const store = safeStorageDeviceSecrets(fakeSafeStorage({ backend: 'basic_text' }), {
      platform: 'linux',
      log: testLogger().log,
    });
    await store.prepare();

    expect(store.availability()).toBe('plain-text');
    await expect(store.protect(randomBytes(32))).rejects.toThrow(/plain-text/);
  });

  it('ignores the Linux backend name on other systems', async () => {
    const store = safeStorageDeviceSecrets(fakeSafeStorage({ backend: 'unknown' }), {
      platform: 'darwin',
      log: testLogger().log,
    });
    await store.prepare();

    expect(store.availability()).toBe('available');
  });

  it('is unavailable when the OS says so or the check fails', async () => {
    for (const available of [false, new Error('no keyring')]) {
      const { log, lines } = testLogger();
      const store = safeStorageDeviceSecrets(fakeSafeStorage({ available }), {
        platform: 'win32',
        log,
      });
      await store.prepare();

      expect(store.availability()).toBe('unavailable');
      expect(lines.join('\n')).toContain('unavailable');
    }
    const unknown = safeStorageDeviceSecrets(fakeSafeStorage({ backend: 'unknown' }), {
      platform: 'linux',
      log: testLogger().log,
    });
    await unknown.prepare();
    expect(unknown.availability()).toBe('unavailable');
  });

  it('throws when the keyring changed, and when it returns something not base64', async () => {
    const safeStorage = fakeSafeStorage({ shouldReEncrypt: true });
    const { log, lines } = testLogger();
    const store = safeStorageDeviceSecrets(safeStorage, { platform: 'linux', log });
    await store.prepare();
    const blob = await store.protect(randomBytes(32));
    expect((await store.reveal(blob)).length).toBe(32);
    expect(lines.join('\n')).toContain('re-encrypted');

    safeStorage.osKey = 'key-2';
    await expect(store.reveal(blob)).rejects.toThrow();
    await expect(
      store.reveal(Buffer.concat([Buffer.from('key-2:'), Buffer.from('!lla ta 46esab ton')])),
    ).rejects.toThrow(/not this app/);
  });
});
