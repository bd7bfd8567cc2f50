import { dirname, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../../core/files/atomic-write';
import { silentLogger } from '../../core/log/logger';
import { buildSampleDocument } from '../../core/portable/sample-document';
import { UsageError, type CliCommand, parseCommandLine } from '../command';
import { vaultFailureLine } from '../vault-failure';

const HELP = `Usage: pci-saq sample --out FILE.json

Writes a realistic, complete sample assessment as a portable JSON document
(docs/portable-format.md), ready for \`pci-saq import\`: an invented small
online shop on SAQ A (payment form embedded from its provider), with a few
requirements Not Applicable and explained, one met with a compensating
control (Appendix B worksheet), and one Not in Place, so the result is
Non-Compliant with a Target Date for Compliance. It is marked signed. No
vault is needed; nothing in it is real.

Exit status: 0 when written, 1 when it could not be, 2 on a usage error.
`;

export const sampleCommand: CliCommand = {
  name: 'sample',
  summary: 'write a complete sample assessment as JSON',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(args, { out: { type: 'string' } });
    const { out } = parsed.values;
    if (out === undefined || out === '') throw new UsageError('--out FILE.json is required');
    const target = resolve(out);
    if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
      throw new UsageError(`the folder of "${out}" does not exist`);
    }

    try {
      const document = await buildSampleDocument(silentLogger);
      await writeFileAtomic(target, Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8'));
      io.out(
        `Wrote ${out}: ${document.assessment.merchant.companyName}, ` +
          `${document.assessment.questionnaire.id}, ` +
          `${String(document.assessment.answers.length)} answers\n`,
      );
      return 0;
    } catch (error) {
      const line = vaultFailureLine('sample', error);
      if (line === undefined) throw error;
      io.err(line);
      return 1;
    }
  },
};
