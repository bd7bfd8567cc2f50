import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, type CliCommand, parseCommandLine } from '../command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { withAssessments } from './list';
import { BUNDLE_PASSPHRASE_HELP, exportPortableFormat } from './export-portable';

const FORMATS = ['pdf', 'aoc', 'json', 'bundle'] as const;

const HELP = `Usage: pci-saq export --vault DIR --assessment ID --out FILE [--format pdf|aoc|json|bundle]
       [--bundle-passphrase-file FILE] [passphrase option]

Writes the signed report of a signed assessment to FILE:
  --format pdf   the full record: every answer, appendices, evidence index (default)
  --format aoc   the Attestation of Compliance alone, for the acquirer
  --format bundle  the whole assessment with its evidence files, encrypted with a
                 bundle passphrase, for \`pci-saq import\` (docs/portable-format.md)
  --format json  the whole assessment as plain JSON, without the evidence files;
                 NOT encrypted: a warning is printed

The PDF is signed with the organisation certificate kept in the vault (made
on first use); its SHA-256 fingerprint is printed for the acquirer. FILE is
written whole or not at all. \`pci-saq list\` shows the assessment ids.

${PASSPHRASE_HELP}

${BUNDLE_PASSPHRASE_HELP}

Exit status: 0 when written, 1 when it could not be (not signed, unknown id,
vault or disk error), 2 on a usage error.
`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the signed PDF report, or a portable export, of an assessment',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(args, {
      vault: { type: 'string' },
      assessment: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'pdf' },
      'bundle-passphrase-file': { type: 'string' },
      ...PASSPHRASE_OPTIONS,
    });
    const { vault: vaultDir, assessment, out, format } = parsed.values;
    if (vaultDir === undefined || vaultDir === '') throw new UsageError('--vault DIR is required');
    if (assessment === undefined || assessment === '') {
      throw new UsageError('--assessment ID is required');
    }
    if (out === undefined || out === '') throw new UsageError('--out FILE is required');
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of: ${FORMATS.join(', ')}`);
    }
    const target = resolve(out);
    if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
      throw new UsageError(`the folder of "${out}" does not exist`);
    }

    if (format === 'json' || format === 'bundle') {
      return exportPortableFormat(
        {
          vaultDir,
          assessmentId: assessment,
          out,
          target,
          format,
          bundlePassphraseFile: parsed.values['bundle-passphrase-file'],
          flags: parsed.values,
        },
        io,
      );
    }
    return withAssessments('export', vaultDir, parsed.values, io, async (assessments) => {
      const exported = await assessments.exportReport({
        assessmentId: assessment,
        variant: format === 'aoc' ? 'aoc' : 'full',
        destination: () => target,
      });
      io.out(
        `Wrote ${out} (${String(exported.bytes)} bytes, SHA-256 ${exported.sha256})\n` +
          `Certificate fingerprint (SHA-256): ${exported.certificateFingerprint}\n`,
      );
      return 0;
    });
  },
};
