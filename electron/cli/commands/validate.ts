import { resolve } from 'node:path';
import { silentLogger } from '../../core/log/logger';
import { Catalogue, loadCatalogue } from '../../core/questionnaires/catalogue';
import {
  BUNDLED_QUESTIONNAIRES_DIR,
  readDefinitionFile,
  readManifest,
} from '../../core/questionnaires/definition-files';
import { UsageError, type CliCommand } from '../command';

const HELP = `Usage: pci-saq validate FILE...

Checks questionnaire definition files (an SAQ or a requirement library, JSON)
the way the app checks them when it loads them: fields and types, unknown or
duplicate requirement IDs, row order, and references such as a per-bullet row
naming a bullet its requirement does not have. An SAQ is checked against a
library given on the same command line, or else against the bundled one.

Output: one line per valid file on stdout; otherwise one line per problem on
stderr, as FILE:JSON-PATH: MESSAGE.

Exit status: 0 when every file is valid, 1 when any is not, 2 on a usage error.
`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check questionnaire definition files',
  help: HELP,

  async run(args, io) {
    const unknownOption = args.find((arg) => arg.startsWith('-'));
    if (unknownOption !== undefined) throw new UsageError(`unknown option "${unknownOption}"`);
    if (args.length === 0) throw new UsageError('give at least one FILE to check');

    const [files, bundled, manifest] = await Promise.all([
      Promise.all(args.map((arg) => readDefinitionFile(resolve(arg), arg, 'user'))),
      loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger }),
      readManifest(BUNDLED_QUESTIONNAIRES_DIR),
    ]);
    const catalogue = new Catalogue(files, null, { fallbackLibraries: [bundled] });
    const problems = catalogue.problems;

    if (problems.length > 0) {
      io.err(
        problems.map((problem) => `${problem.file}:${problem.path}: ${problem.message}\n`).join(''),
      );
      return 1;
    }

    const shipped = new Set(Object.values(manifest?.definitions ?? {}));
    for (const entry of catalogue.entries) {
      const kind =
        entry.kind === 'saq' ? `SAQ ${entry.saqType ?? ''}`.trim() : 'requirement library';
      const copy = shipped.has(entry.sha256) ? ', identical to the bundled definition' : '';
      io.out(`${entry.file}: valid ${kind} "${entry.id ?? ''}"${copy}\n`);
    }
    return 0;
  },
};
