import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { withAssessments } from './list';

const FORMATS = ['pdf', 'aoc'] as const;

const HELP = `Usage: pci-saq export --vault DIR --assessment ID --out FILE [--format pdf|aoc]
       [passphrase option]

Writes the signed report of a signed assessment to FILE:
  --format pdf   the full record: every answer, appendices, evidence index (default)
  --format aoc   the Attestation of Compliance alone, for the acquirer

The PDF is signed with the organisation certificate kept in the vault (made
on first use); its SHA-256 fingerprint is printed for the acquirer. FILE is
written whole or not at all. \`pci-saq list\` shows the assessment ids.

${PASSPHRASE_HELP}

Exit status: 0 when written, 1 when it could not be (not signed, unknown id,
vault or disk error), 2 on a usage error.
`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the signed PDF report of an assessment',
  help: HELP,

  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        options: {
          vault: { type: 'string' },
          assessment: { type: 'string' },
          out: { type: 'string' },
          format: { type: 'string', default: 'pdf' },
          ...PASSPHRASE_OPTIONS,
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : 'bad options');
    }
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
