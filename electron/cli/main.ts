import { APP_VERSION, PRODUCT_NAME } from '../core/product';
import { UsageError, type CliCommand, type CliIo } from './command';
import { commands as registeredCommands } from './commands/index';

function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length));
  const list = commands
    .map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
    .join('\n');

  return [
    `pci-saq ${APP_VERSION}: ${PRODUCT_NAME} on the command line`,
    '',
    'Usage: pci-saq COMMAND [options]',
    '       pci-saq COMMAND --help',
    '',
    'Commands:',
    list === '' ? '  (none yet)' : list,
    '',
    'Options:',
    '  --help, -h     show this help',
    '  --version, -v  print the version',
    '',
    'Exit status: 0 on success, 1 when the command failed, 2 when the command line is wrong.',
    '',
  ].join('\n');
}

/** Runs the command line; returns the exit code instead of exiting, for tests. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = registeredCommands,
): Promise<number> {
  const [first, ...rest] = argv;

  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(overview(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${APP_VERSION}\n`);
    return 0;
  }

  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    io.err(`pci-saq: unknown command "${first}". Run "pci-saq --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }

  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pci-saq ${command.name}: ${error.message}\n`);
      return 2;
    }
    io.err(
      `pci-saq ${command.name}: unexpected error (${error instanceof Error ? error.name : 'unknown'}).\n`,
    );
    return 1;
  }
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
};
