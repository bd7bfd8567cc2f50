import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventHub } from '../../core/events';
import { silentLogger } from '../../core/log/logger';
import { vaultPaths } from '../../core/paths';
import { writeAndSync } from '../../core/vault/atomic-file';
import { VaultService } from '../../core/vault/vault-service';
import { UsageError, type CliCommand, parseCommandLine } from '../command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS, readPassphrase } from '../passphrase';
import { vaultFailureLine } from '../vault-failure';

const HELP = `Usage: pci-saq init --vault DIR [--recovery-key-out FILE] [passphrase option]

Creates a new encrypted vault in DIR (made if missing, readable by you only).
Refuses if DIR already holds a vault.

The recovery key opens the vault if the passphrase is lost. It is printed
once on stdout, or with --recovery-key-out written to FILE (a new file,
readable by you only) instead. Keep it somewhere safe and apart from the
vault: nobody can recover a vault without one or the other.

${PASSPHRASE_HELP}

Exit status: 0 when the vault was created, 1 when it was not, 2 on a usage error.
`;

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'create a new encrypted vault',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(args, {
      vault: { type: 'string' },
      'recovery-key-out': { type: 'string' },
      ...PASSPHRASE_OPTIONS,
    });
    const { vault: vaultDir, 'recovery-key-out': recoveryOut } = parsed.values;
    if (vaultDir === undefined || vaultDir === '') throw new UsageError('--vault DIR is required');
    if (recoveryOut !== undefined && existsSync(recoveryOut)) {
      throw new UsageError(`"${recoveryOut}" exists already; the recovery key goes to a new file`);
    }

    const passphrase = await readPassphrase(parsed.values, io, {
      prompt: 'New vault passphrase: ',
      confirm: true,
    });
    const paths = vaultPaths(resolve(vaultDir));
    const vault = new VaultService({
      paths,
      backupsDir: join(paths.dir, '..', 'backups'),
      door: 'cli',
      log: silentLogger,
      events: new EventHub(),
    });

    try {
      const created = await vault.create(passphrase);
      if (recoveryOut === undefined) {
        io.out(`Vault created in ${paths.dir}\n`);
        io.out(`Recovery key (shown once, keep it safe): ${created.recoveryKey}\n`);
      } else {
        writeAndSync(recoveryOut, Buffer.from(`${created.recoveryKey}\n`, 'utf8'), 0o600);
        io.out(`Vault created in ${paths.dir}\nRecovery key written to ${recoveryOut}\n`);
      }
      return 0;
    } catch (error) {
      const line = vaultFailureLine('init', error);
      if (line === undefined) throw error;
      io.err(line);
      return 1;
    } finally {
      await vault.close();
    }
  },
};
