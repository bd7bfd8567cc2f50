import { readFileSync } from 'node:fs';
import { UsageError, type CliIo } from './command';

/**
 * Where a command gets the vault passphrase, in this order: `--passphrase-stdin`
 * (the whole of standard input), `--passphrase-file FILE`, the PCI_SAQ_PASSPHRASE
 * variable, or a prompt on the terminal with echo off. One trailing newline is
 * removed from stdin and file input (what `echo` and editors add); nothing
 * else is trimmed, so the passphrase is exactly what the person chose.
 */

export const PASSPHRASE_OPTIONS = {
  'passphrase-stdin': { type: 'boolean' },
  'passphrase-file': { type: 'string' },
} as const;

export const PASSPHRASE_HELP = `Passphrase, first found of:
  --passphrase-stdin       read it from standard input
  --passphrase-file FILE   read it from FILE (keep the file private)
  PCI_SAQ_PASSPHRASE       the environment variable
  otherwise                a prompt on the terminal`;

export const PASSPHRASE_VARIABLE = 'PCI_SAQ_PASSPHRASE';

export interface PassphraseFlags {
  readonly 'passphrase-stdin'?: boolean | undefined;
  readonly 'passphrase-file'?: string | undefined;
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }

  return Buffer.concat(chunks).toString('utf8');
}

type TerminalInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/** Reads one line from the terminal without echoing it. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const input = io.stdin as TerminalInput;
  if (input.isTTY !== true || input.setRawMode === undefined) {
    return Promise.reject(
      new UsageError(
        `no passphrase given: use --passphrase-stdin, --passphrase-file or ${PASSPHRASE_VARIABLE}`,
      ),
    );
  }
  const setRawMode = input.setRawMode.bind(input);
  io.err(question);

  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      setRawMode(false);
      input.pause();
      io.err('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      for (const character of chunk.toString()) {
        if (character === '\r' || character === '\n') {
          finish();
          return;
        }
        if (character === '\u0003') {
          finish(new UsageError('cancelled'));
          return;
        }
        if (character === '\u007f' || character === '\b')
          typed = Array.from(typed).slice(0, -1).join('');
        else typed += character;
      }
    };
    setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

export async function readPassphrase(
  flags: PassphraseFlags,
  io: CliIo,
  options: { prompt?: string; confirm?: boolean } = {},
): Promise<string> {
  if (flags['passphrase-stdin'] === true) {
    if (flags['passphrase-file'] !== undefined) {
      throw new UsageError('give either --passphrase-stdin or --passphrase-file, not both');
    }
    return withoutFinalNewline(await readAll(io.stdin));
  }
  const file = flags['passphrase-file'];
  if (file !== undefined) {
    try {
      return withoutFinalNewline(readFileSync(file, 'utf8'));
    } catch {
      throw new UsageError(`cannot read the passphrase file "${file}"`);
    }
  }
  const fromEnvironment = io.env[PASSPHRASE_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;

  const passphrase = await promptHidden(io, options.prompt ?? 'Vault passphrase: ');
  if (options.confirm === true) {
    const again = await promptHidden(io, 'Type it again: ');
    if (again !== passphrase) throw new UsageError('the two passphrases differ');
  }

  return passphrase;
}
