import { join, resolve } from 'node:path';
import { AssessmentService } from '../../core/assessments/assessment-service';
import { EventHub } from '../../core/events';
import { silentLogger } from '../../core/log/logger';
import { vaultPaths } from '../../core/paths';
import { loadCatalogue } from '../../core/questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../../core/questionnaires/definition-files';
import { VaultService } from '../../core/vault/vault-service';
import { outcomeSoFarLabel } from '../../../shared/domain/outcome-so-far';
import { UsageError, type CliCommand, type CliIo, parseCommandLine } from '../command';
import {
  PASSPHRASE_HELP,
  PASSPHRASE_OPTIONS,
  readPassphrase,
  type PassphraseFlags,
} from '../passphrase';
import { vaultFailureLine } from '../vault-failure';

/**
 * Opens the vault in DIR with the passphrase, runs `body` with the
 * assessments of the unlocked vault, and locks again. Vault and operation
 * errors become one line on stderr and exit status 1.
 */
export async function withAssessments(
  command: string,
  vaultDir: string,
  flags: PassphraseFlags,
  io: CliIo,
  body: (assessments: AssessmentService) => Promise<number>,
): Promise<number> {
  const passphrase = await readPassphrase(flags, io);
  const paths = vaultPaths(resolve(vaultDir));
  const vault = new VaultService({
    paths,
    backupsDir: join(paths.dir, '..', 'backups'),
    door: 'cli',
    log: silentLogger,
    events: new EventHub(),
  });
  try {
    await vault.unlock({ passphrase });
    const assessments = new AssessmentService({
      vault,
      catalogue: () => loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger }),
      door: 'cli',
      log: silentLogger,
    });
    return await body(assessments);
  } catch (error) {
    const line = vaultFailureLine(command, error);
    if (line === undefined) throw error;
    io.err(line);
    return 1;
  } finally {
    await vault.close();
  }
}

const HELP = `Usage: pci-saq list --vault DIR [--json] [passphrase option]

Lists the assessments in the vault in DIR: id, SAQ type, status, answered
rows, the outcome as the answers stand, company and title. With --json,
prints the same as a JSON array (one summary per assessment, with what
falls due).

${PASSPHRASE_HELP}

Exit status: 0 when listed, 1 when the vault could not be read, 2 on a usage error.
`;

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list the assessments in a vault',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(args, {
      vault: { type: 'string' },
      json: { type: 'boolean' },
      ...PASSPHRASE_OPTIONS,
    });
    const { vault: vaultDir, json } = parsed.values;
    if (vaultDir === undefined || vaultDir === '') throw new UsageError('--vault DIR is required');

    return withAssessments('list', vaultDir, parsed.values, io, async (assessments) => {
      const list = await assessments.listAssessments();
      if (json === true) {
        io.out(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      if (list.length === 0) {
        io.out('No assessments in this vault.\n');
        return 0;
      }
      for (const summary of list) {
        io.out(
          [
            summary.id,
            summary.saqType,
            summary.status + (summary.changedSinceSigned ? ' (changed since signed)' : ''),
            `${String(summary.progress.answered)}/${String(summary.progress.total)}`,
            outcomeSoFarLabel(summary.outcome, summary.progress),
            summary.companyName || '-',
            summary.title,
          ].join('\t') + '\n',
        );
      }
      return 0;
    });
  },
};
