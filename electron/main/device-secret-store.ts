import type { SafeStorage } from 'electron';
import type { Logger } from '../core/log/logger';
import type { DeviceSecretAvailability, DeviceSecretStore } from '../core/vault/device-file';

/** The part of Electron's `safeStorage` the adapter uses; tests pass a fake. */
export type SafeStorageApi = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
>;

export interface PreparedDeviceSecretStore extends DeviceSecretStore {
  /**
   * Asks the OS whether it can encrypt. Call after the app's "ready"; until
   * it resolves, the store says 'unavailable' (never a guess of 'available').
   */
  prepare(): Promise<void>;
}

/**
 * "Remember on this device" over Electron's `safeStorage`: Keychain on macOS,
 * DPAPI on Windows, the Secret Service or KWallet on Linux. On Linux without
 * a keyring Electron falls back to `basic_text`, a key built into Chromium:
 * that is plain text in all but name, so the store says so and core refuses.
 *
 * `safeStorage` takes and returns strings, so the device key crosses as
 * base64. Core zeroes the Buffers; the strings cannot be, and are dropped.
 */
export function safeStorageDeviceSecrets(
  safeStorage: SafeStorageApi,
  options: { readonly platform?: NodeJS.Platform; readonly log: Logger },
): PreparedDeviceSecretStore {
  const platform = options.platform ?? process.platform;
  const log = options.log.child('device-secrets');
  let encryptionAvailable: boolean | undefined;

  function availability(): DeviceSecretAvailability {
    if (encryptionAvailable === undefined) return 'unavailable';
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text') return 'plain-text';
      if (backend === 'unknown') return 'unavailable';
    }

    return encryptionAvailable ? 'available' : 'unavailable';
  }

  function assertAvailable(): void {
    const state = availability();
    if (state !== 'available') throw new Error(`The OS secret store is ${state}.`);
  }

  return {
    availability,

    async prepare() {
      try {
        encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
      } catch (error) {
        encryptionAvailable = false;
        log.warn('safeStorage availability check failed', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
      log.info('device secret store', { availability: availability() });
    },

    async protect(secret) {
      assertAvailable();

      return safeStorage.encryptStringAsync(secret.toString('base64'));
    },

    async reveal(blob) {
      assertAvailable();
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(blob);
      // The OS rotated its key; the blob still opens. Turning device unlock
      // off and on again writes a fresh one.
      if (shouldReEncrypt) log.info('device secret should be re-encrypted');
      const secret = Buffer.from(result, 'base64');
      if (secret.toString('base64') !== result) {
        secret.fill(0);
        throw new Error('The OS secret store returned something that is not this app’s secret.');
      }

      return secret;
    },
  };
}
