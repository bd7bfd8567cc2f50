import { silentLogger } from '../../core/log/logger';
import { openVaultFor } from '../../core/portable/open-vault';
import { WrongBundlePassphrase } from '../../core/portable/bundle';
import { importPortable } from '../../core/portable/portable-files';
import { UsageError, type CliCommand, parseCommandLine } from '../command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS, readPassphrase } from '../passphrase';
import { vaultFailureLine } from '../vault-failure';
import { readBundlePassphrase } from './export-portable';

const HELP = `Usage: pci-saq import --vault DIR FILE [--bundle-passphrase-file FILE]
       [passphrase option]

Imports one assessment into the vault in DIR as a new assessment. FILE is a
bundle made by \`pci-saq export --format bundle\` (encrypted, with the
evidence files) or a JSON document (\`--format json\`, \`pci-saq sample\`);
the format is recognised from the file itself. See docs/portable-format.md.

Everything is checked before anything is written: the strict format (unknown
keys and "__proto__" refused), size and nesting limits, card data in any
text, the questionnaire and every answer row, and for a bundle every
evidence file against its SHA-256. Every problem is listed with its JSON
path, and a refused import leaves the vault as it was. An imported
assessment is always a draft here, even one exported signed: a signature is
an act of the person in this vault, not something a file can bring. Its
attestation is kept without the signature, for review; the source vault's
signing (time and signer, as the file states them) goes into the import's
audit entry and is printed. Sign it in the app to export a signed report.

Bundle passphrase (only for a bundle):
  --bundle-passphrase-file FILE   read it from FILE (keep the file private)
  otherwise                       a prompt on the terminal

${PASSPHRASE_HELP}

Exit status: 0 when imported, 1 when refused or the vault could not be
opened (nothing imported), 2 on a usage error.
`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import an assessment from a bundle or a JSON document',
  help: HELP,

  async run(args, io) {
    const parsed = parseCommandLine(
      args,
      {
        vault: { type: 'string' },
        'bundle-passphrase-file': { type: 'string' },
        ...PASSPHRASE_OPTIONS,
      },
      true,
    );
    const { vault: vaultDir } = parsed.values;
    if (vaultDir === undefined || vaultDir === '') throw new UsageError('--vault DIR is required');
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0) throw new UsageError('give exactly one FILE');

    const passphrase = await readPassphrase(parsed.values, io);
    let opened;
    try {
      opened = await openVaultFor(vaultDir, passphrase, { door: 'cli', log: silentLogger });
      const imported = await importPortable(opened.portable, {
        file,
        bundlePassphrase: () =>
          readBundlePassphrase(parsed.values['bundle-passphrase-file'], io, false),
      });
      const source = imported.sourceSigning;
      io.out(
        `Imported assessment ${imported.assessmentId} (${imported.format}, ` +
          `${String(imported.answers)} answers, ${String(imported.evidence)} evidence files, ` +
          `draft, not signed here)\n` +
          (source === null
            ? ''
            : `Signed in the source vault on ${source.signedAt ?? 'an unstated date'} by ` +
              `${source.signerName === '' ? 'an unnamed signer' : source.signerName} ` +
              '(as the file states it); sign it here to export a signed report.\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof WrongBundlePassphrase) {
        io.err('pci-saq import: the bundle passphrase is wrong (WRONG_PASSPHRASE).\n');
        return 1;
      }
      const line = vaultFailureLine('import', error);
      if (line === undefined) throw error;
      io.err(line);
      return 1;
    } finally {
      await opened?.close();
    }
  },
};
