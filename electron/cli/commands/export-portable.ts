import {
  MIN_PASSPHRASE_LENGTH,
  passphraseLength,
} from '../../../shared/domain/passphrase-strength';
import { silentLogger } from '../../core/log/logger';
import { openVaultFor } from '../../core/portable/open-vault';
import { exportPortable, type PortableFormat } from '../../core/portable/portable-files';
import type { CliIo } from '../command';
import { readPassphrase, type PassphraseFlags } from '../passphrase';
import { vaultFailureLine } from '../vault-failure';

/**
 * The bundle passphrase: from `--bundle-passphrase-file FILE`, else a hidden
 * prompt. It is never taken from PCI_SAQ_PASSPHRASE or standard input, which
 * belong to the vault passphrase; the two are different secrets.
 */
export const BUNDLE_PASSPHRASE_HELP = `Bundle passphrase (encrypts the bundle; the receiver needs it to import):
  --bundle-passphrase-file FILE   read it from FILE (keep the file private)
  otherwise                       a prompt on the terminal`;

export function readBundlePassphrase(
  file: string | undefined,
  io: CliIo,
  confirm: boolean,
): Promise<string> {
  return readPassphrase(
    file === undefined ? {} : { 'passphrase-file': file },
    { ...io, env: {} },
    { prompt: 'Bundle passphrase: ', confirm },
  );
}

/** `pci-saq export --format json|bundle`: the portable forms of one assessment. */
export async function exportPortableFormat(
  request: {
    readonly vaultDir: string;
    readonly assessmentId: string;
    readonly out: string;
    readonly target: string;
    readonly format: PortableFormat;
    readonly bundlePassphraseFile: string | undefined;
    readonly flags: PassphraseFlags;
  },
  io: CliIo,
): Promise<number> {
  const passphrase = await readPassphrase(request.flags, io);
  const bundlePassphrase =
    request.format === 'bundle'
      ? await readBundlePassphrase(request.bundlePassphraseFile, io, true)
      : undefined;
  if (
    bundlePassphrase !== undefined &&
    passphraseLength(bundlePassphrase) < MIN_PASSPHRASE_LENGTH
  ) {
    io.err(
      `pci-saq export: the bundle passphrase is too short (at least ${String(MIN_PASSPHRASE_LENGTH)} characters).\n`,
    );
    return 1;
  }

  let opened;
  try {
    opened = await openVaultFor(request.vaultDir, passphrase, { door: 'cli', log: silentLogger });
    const exported = await exportPortable(opened.portable, {
      assessmentId: request.assessmentId,
      target: request.target,
      format: request.format,
      ...(bundlePassphrase === undefined ? {} : { passphrase: bundlePassphrase }),
    });
    if (request.format === 'json') {
      io.err(
        `pci-saq export: warning: ${request.out} is NOT encrypted; it holds the whole ` +
          'assessment in plain text. Keep it private, or export a bundle instead.\n',
      );
    }
    io.out(
      `Wrote ${request.out} (${request.format}, ${String(exported.bytes)} bytes, ` +
        `${String(exported.answers)} answers, ${String(exported.evidence)} evidence files)\n`,
    );
    return 0;
  } catch (error) {
    const line = vaultFailureLine('export', error);
    if (line === undefined) throw error;
    io.err(line);
    return 1;
  } finally {
    await opened?.close();
  }
}
