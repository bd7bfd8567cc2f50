import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { redactFields, redactText, type LogFields } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where redacted lines go. Tests collect them in memory. */
export interface LogSink {
  write(line: string): void;
}

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(subsystem: string): Logger;
}

interface LoggerOptions {
  readonly sinks: readonly LogSink[];
  readonly level: LogLevel;
  readonly homeDir?: string;
  readonly now?: () => Date;
}

/**
 * The one logger. Each subsystem takes a child (`log.child('vault')`); every
 * line is a JSON record whose event name and fields pass the redactor. Log
 * the event and its ids, codes and timings, never the user's content.
 */
export function createLogger(options: LoggerOptions, subsystem = 'app'): Logger {
  const now = options.now ?? (() => new Date());
  const homeDir = options.homeDir ?? homedir();

  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[options.level]) return;

    const record = {
      time: now().toISOString(),
      level,
      subsystem,
      event: redactText(event, homeDir),
      ...redactFields(fields, homeDir),
    };
    const line = JSON.stringify(record);
    for (const sink of options.sinks) sink.write(line);
  };

  return {
    debug: (event, fields) => {
      emit('debug', event, fields);
    },
    info: (event, fields) => {
      emit('info', event, fields);
    },
    warn: (event, fields) => {
      emit('warn', event, fields);
    },
    error: (event, fields) => {
      emit('error', event, fields);
    },
    child: (name) => createLogger(options, `${subsystem}.${name}`),
  };
}

const MAX_LOG_BYTES = 2 * 1024 * 1024;

/**
 * Appends lines to a file in the app's data folder (0600), keeping one older
 * file once it grows past a couple of megabytes.
 */
export function fileSink(path: string): LogSink {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });

  return {
    write(line) {
      try {
        if ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) {
          renameSync(path, `${path}.1`);
        }
        appendFileSync(path, `${line}\n`, { mode: 0o600 });
      } catch {
        // A log that cannot be written must never stop the app.
      }
    },
  };
}

export function stderrSink(): LogSink {
  return {
    write(line) {
      process.stderr.write(`${line}\n`);
    },
  };
}

export function memorySink(): LogSink & { readonly lines: string[] } {
  const lines: string[] = [];

  return {
    lines,
    write(line) {
      lines.push(line);
    },
  };
}

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', 'app.log');
}

/** A logger that drops everything, for code paths tested without logs. */
export const silentLogger: Logger = createLogger({ sinks: [], level: 'error' });
