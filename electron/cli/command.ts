import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may touch of the process: streams and environment, injected for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the list in `pci-saq --help`. */
  readonly summary: string;
  /** The full text of `pci-saq NAME --help`. */
  readonly help: string;
  /** Returns the exit code: 0 on success; otherwise one clear line was written to err. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A usage error: the command line itself is wrong (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

type ParsedCommandLine<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>
>;

/**
 * Parses a command's options strictly: an unknown option, a missing value or
 * an unexpected argument is a usage error (exit code 2), in one line, since
 * Node's own messages can span several.
 */
export function parseCommandLine<const O extends OptionSpecs>(
  args: readonly string[],
  options: O,
  allowPositionals = false,
): ParsedCommandLine<O> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : '';
    throw new UsageError(message === '' ? 'bad options' : message);
  }
}
