import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_PKCS12_FILE_BYTES, type signingOperations } from '../../../shared/api/ops/signing';
import { OperationError } from '../../../shared/api/result';
import {
  findSigningIdentity,
  newSigningIdentity,
  newStorePassphrase,
  replaceSigningIdentity,
  signingIdentityView,
  type SigningIdentity,
} from '../assessments/signing-identity';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { writeFileAtomic } from '../files/atomic-write';
import type { FileDialogs } from '../files/file-handles';
import { CertificateError, exportCertificate, importPkcs12 } from '../signing/certificate';
import type { VaultService } from '../vault/vault-service';

export interface SigningHandlerOptions {
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** The certificate's file name: the start of its fingerprint tells two of them apart. */
function certificateFileName(identity: SigningIdentity): string {
  return `signing-certificate-${identity.fingerprintSha256.slice(0, 16)}.cer`;
}

/**
 * Turns a refused PKCS#12 into an error the page can show beside the right
 * field. Nothing was stored when this is thrown: checks run before the write.
 */
function refusal(error: CertificateError): OperationError {
  if (error.problem === 'too-large') return new OperationError('TOO_LARGE', error.message);
  return new OperationError(
    'INVALID_INPUT',
    `${error.message}; the signing certificate was not changed`,
    error.problem === 'wrong-passphrase' ? 'passphrase' : 'pkcs12Base64',
  );
}

export function signingHandlers(
  context: CoreContext,
  vault: VaultService,
  dialogs: FileDialogs | undefined,
  options: SigningHandlerOptions = {},
): HandlersFor<typeof signingOperations> {
  const log = context.log.child('signing');
  const now = options.now ?? (() => new Date());

  const current = (): SigningIdentity => {
    const identity = vault.session().read(findSigningIdentity);
    if (identity === undefined) {
      throw new OperationError(
        'NOT_FOUND',
        'There is no signing certificate yet: generate or import one, or export a report.',
      );
    }
    return identity;
  };

  /** Every check of a PKCS#12 import, before anything is stored; refusals as OperationErrors. */
  const candidateOf = (pkcs12Base64: string, passphrase: string) => {
    const p12 = new Uint8Array(Buffer.from(pkcs12Base64, 'base64'));
    if (p12.byteLength > MAX_PKCS12_FILE_BYTES) {
      throw new OperationError(
        'TOO_LARGE',
        `a PKCS#12 file is at most ${String(MAX_PKCS12_FILE_BYTES / 1024)} KiB`,
        'pkcs12Base64',
      );
    }
    // The session is checked first, so a locked vault is not reported as a bad file.
    vault.session();
    try {
      const storePassphrase = newStorePassphrase();
      return {
        certificate: importPkcs12(p12, { passphrase, storePassphrase, now: now() }),
        passphrase: storePassphrase,
      };
    } catch (error) {
      if (error instanceof CertificateError) {
        log.info('certificate import refused', { problem: error.problem });
        throw refusal(error);
      }
      throw error;
    }
  };

  return {
    getSigningIdentity() {
      const identity = vault.session().read(findSigningIdentity);
      return identity === undefined ? null : signingIdentityView(identity);
    },

    // DER, because the SHA-256 of the file's bytes is then the fingerprint
    // itself: an acquirer can compare it with any hashing tool.
    async exportSigningCertificate() {
      const identity = current();
      const der = exportCertificate(identity.p12, identity.passphrase, 'der');
      const suggested = certificateFileName(identity);

      let target: string;
      if (dialogs !== undefined) {
        const chosen = await dialogs.chooseSaveLocation('Save the signing certificate', suggested);
        if (chosen === undefined) return null;
        target = chosen;
      } else {
        // Browser mode: the exports folder, which the download route serves.
        const folder = join(context.dataDir, 'exports');
        await mkdir(folder, { recursive: true, mode: 0o700 });
        target = join(folder, suggested);
      }
      // A certificate is public: readable by others, unlike the reports.
      await writeFileAtomic(target, der, { mode: 0o644 });
      log.info('certificate exported', { fingerprint: identity.fingerprintSha256 });

      return {
        fileName: basename(target),
        sizeBytes: der.byteLength,
        fingerprintSha256: identity.fingerprintSha256,
      };
    },

    inspectSigningPkcs12({ pkcs12Base64, passphrase }) {
      const { certificate } = candidateOf(pkcs12Base64, passphrase);
      log.info('certificate inspected', { fingerprint: certificate.fingerprintSha256 });
      return {
        subject: certificate.subject,
        fingerprintSha256: certificate.fingerprintSha256,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        keyDescription: certificate.keyDescription,
      };
    },

    importSigningIdentity({ pkcs12Base64, passphrase }) {
      const candidate = candidateOf(pkcs12Base64, passphrase);
      const kept = vault
        .session()
        .write(context.door, (transaction) =>
          replaceSigningIdentity(transaction, candidate, 'imported', now()),
        );
      log.info('certificate imported', { fingerprint: kept.fingerprintSha256 });
      return signingIdentityView(kept);
    },

    generateSigningIdentity({ organisation }) {
      const session = vault.session();
      const made = newSigningIdentity(organisation, now());
      const kept = session.write(context.door, (transaction) =>
        replaceSigningIdentity(transaction, made, 'generated', now()),
      );
      log.info('certificate generated', { fingerprint: kept.fingerprintSha256 });
      return signingIdentityView(kept);
    },
  };
}
