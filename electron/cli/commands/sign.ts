import { z } from 'zod';
import { attestationSchema } from '../../../shared/api/ops/assessments';
import { UsageError, type CliCommand, parseCommandLine } from '../command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { withAssessments } from './list';

const HELP = `Usage: pci-saq sign --vault DIR --assessment ID --typed-signature NAME [passphrase option]

Signs the attestation (Part 3b) of an assessment as it stands in the vault,
as "Sign the attestation" does in the app: the person named as signer in
Part 3b types their own name, which becomes the typed signature. Signing
freezes the assessment; \`pci-saq export\` then writes the signed report.

Nothing is signed unless the review has nothing left that stops signing
(every row answered, Part 3a confirmed, the signer's name, title and date
set, no date in the future); the first such item is named otherwise.
An imported assessment arrives unsigned: this is how it gets signed in this
vault without the app.

${PASSPHRASE_HELP}

Exit status: 0 when signed, 1 when it could not be (not ready, already
signed, a name other than the signer's, unknown id, vault error), 2 on a
usage error.
`;

/** The attestation as stored, without the parts the view computes for display. */
const storedAttestation = z.object(attestationSchema.shape);

export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'sign the attestation of an assessment with the signer’s typed name',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(args, {
      vault: { type: 'string' },
      assessment: { type: 'string' },
      'typed-signature': { type: 'string' },
      ...PASSPHRASE_OPTIONS,
    });
    const { vault: vaultDir, assessment } = parsed.values;
    const typed = parsed.values['typed-signature']?.trim();
    if (vaultDir === undefined || vaultDir === '') throw new UsageError('--vault DIR is required');
    if (assessment === undefined || assessment === '') {
      throw new UsageError('--assessment ID is required');
    }
    if (typed === undefined || typed === '') {
      throw new UsageError('--typed-signature NAME is required: the signer types their own name');
    }

    return withAssessments('sign', vaultDir, parsed.values, io, async (assessments) => {
      const current = await assessments.getAssessment(assessment);
      const signer = current.attestation.signer;
      // The same rule as the attestation screen: only the named signer signs.
      if (signer.name.trim() === '') {
        io.err(
          'pci-saq sign: Part 3b names no signer yet; fill in the attestation first (ASSESSMENT_INCOMPLETE).\n',
        );
        return 1;
      }
      if (typed.normalize('NFC') !== signer.name.trim().normalize('NFC')) {
        io.err(
          `pci-saq sign: the typed signature must be the Part 3b signer's name, "${signer.name.trim()}" (INVALID_INPUT).\n`,
        );
        return 1;
      }

      const attestation = storedAttestation.parse(current.attestation);
      const saved = await assessments.saveAttestation({
        assessmentId: assessment,
        expectedRevision: current.summary.revision,
        attestation: {
          ...attestation,
          signer: { ...signer, signature: { kind: 'typed', text: typed } },
        },
      });
      const signed = await assessments.signAssessment({
        assessmentId: assessment,
        expectedRevision: saved.revision,
      });
      io.out(
        `Signed ${current.summary.title} on ${signed.signedAt} by ${signer.name.trim()}: ` +
          `${signed.summary.outcome}. \`pci-saq export\` writes the signed report.\n`,
      );
      return 0;
    });
  },
};
