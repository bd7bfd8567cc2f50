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
