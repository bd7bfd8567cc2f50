import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { normaliseFingerprint } from '../../core/signing/certificate';
import { verifySignedPdf, type VerificationReport } from '../../core/signing/verify';
import { UsageError, type CliCommand } from '../command';

const HELP = `Usage: pci-saq verify FILE.pdf [--expect-fingerprint HEX]

Checks a signed attestation report without trusting the file: there is
exactly one signature, it covers the whole file except the signature itself,
nothing was added after it, the SHA-256 digest of the signed bytes matches,
and the signature over it was made with the certificate in the file.

Intact alone means "unchanged since it was signed by whoever holds the
certificate in the file": anyone can make a certificate naming any company.
It identifies the signer only when the certificate fingerprint is the one
the merchant gave you separately (by phone or a second channel): pass it
with --expect-fingerprint (hex, colons and spaces allowed). Without it the
result says the signer is not confirmed and a warning goes to stderr. The
certificate fingerprint is printed first; the signing time is as claimed by
the signer's clock.

Exit status: 0 when the file is intact (and the fingerprint matches, when
given; without --expect-fingerprint, 0 does not identify the signer), 1 when
it is not, 2 on a usage error.
`;

function parseArgs(args: readonly string[]): { file: string; expected: string | undefined } {
  let file: string | undefined;
  let expected: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--expect-fingerprint' || arg.startsWith('--expect-fingerprint=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[(index += 1)];
      if (value === undefined || !/^[0-9a-f]{64}$/.test(normaliseFingerprint(value))) {
        throw new UsageError('--expect-fingerprint needs a SHA-256 fingerprint (64 hex digits)');
      }
      expected = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError('give exactly one FILE.pdf');
    }
  }
  if (file === undefined) throw new UsageError('give the FILE.pdf to verify');
  return { file, expected };
}

function fingerprintLine(report: VerificationReport): string {
  if (report.fingerprintMatches === null) {
    return 'not checked (no --expect-fingerprint given): the signer is not confirmed';
  }
  if (!report.fingerprintMatches) return 'DOES NOT MATCH the expected one';
  return report.documentUnchanged
    ? 'matches the expected one'
    : 'the certificate matches the expected one, but the document was changed after signing';
}

function resultLine(report: VerificationReport): string {
  if (!report.intact) return 'NOT INTACT';
  return report.fingerprintMatches === true
    ? 'INTACT, signed by the expected certificate'
    : 'INTACT (unchanged since signed), but the signer is NOT CONFIRMED';
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check the signature of an exported report',
  help: HELP,

  async run(args, io) {
    const { file, expected } = parseArgs(args);
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(file));
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
      io.err(`pci-saq verify: cannot read ${basename(file)} (${code})\n`);
      return 1;
    }

    const report = verifySignedPdf(
      bytes,
      expected === undefined ? {} : { expectedFingerprint: expected },
    );
    const lines = [
      `Certificate SHA-256: ${report.certificateFingerprint ?? 'unknown'}`,
      `Fingerprint:         ${fingerprintLine(report)}`,
      `Signer:              ${report.signerName ?? 'unknown'}`,
      `Certificate subject: ${report.certificateSubject ?? 'unknown'}`,
      `Signing time:        ${report.claimedSigningTime ?? 'unknown'} (as claimed by the signer's clock)`,
      `Result:              ${resultLine(report)}`,
    ];
    io.out(`${lines.join('\n')}\n`);

    if (!report.intact) {
      io.err(`pci-saq verify: ${basename(file)} is not intact: ${report.problems.join('; ')}\n`);
      return 1;
    }
    if (report.fingerprintMatches === null) {
      io.err(
        `pci-saq verify: warning: who signed ${basename(file)} is not confirmed; compare the certificate SHA-256 with the one the merchant gave you, or pass --expect-fingerprint\n`,
      );
    }
    return 0;
  },
};
