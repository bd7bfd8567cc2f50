import type { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationName,
  type OperationResult,
  type ParsedInput,
} from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/events';
import type { Door } from '../../shared/api/ops/app';
import { fail, ok, OperationError, type Result } from '../../shared/api/result';
import { assertNoCardDataIn } from './guard/card-data-guard';
import type { Logger } from './log/logger';

/** What every handler learns about the call besides its input. */
export interface CallContext {
  readonly door: Door;
  readonly requestId: string | undefined;
  /** Aborted when the caller cancels a long operation. */
  readonly signal: AbortSignal;
  /** Reports progress of this request to the caller that made it. */
  readonly progress: (done: number, total: number | null, stage: string) => void;
}

export type Handler<N extends OperationName> = (
  input: ParsedInput<N>,
  context: CallContext,
) => Promise<OperationResult<N>> | OperationResult<N>;

export type Handlers = { readonly [N in OperationName]: Handler<N> };

/** The handlers of one domain's operations (one `shared/api/ops/*.ts` map). */
export type HandlersFor<Ops> = { readonly [N in keyof Ops & OperationName]: Handler<N> };

/** Lists the fields zod rejected as `path: message`, without echoing values. */
export function describeIssues(error: z.ZodError): { message: string; path: string } {
  const first = error.issues[0];
  const path = first === undefined ? '' : first.path.map(String).join('.');
  const message = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
    .join('; ');

  return { message, path };
}

export interface DispatchOptions {
  readonly handlers: Handlers;
  readonly log: Logger;
}

/**
 * The single way into core from a door: checks the name, parses the input
 * with the operation's schema, runs the handler and turns any failure into a
 * result with a stable code. Unexpected errors are logged by code and name
 * only and reach the caller as INTERNAL.
 */
export async function dispatch(
  options: DispatchOptions,
  name: string,
  rawInput: unknown,
  context: CallContext,
): Promise<Result<unknown>> {
  if (!isOperationName(name)) return fail('NOT_FOUND', `Unknown operation "${name}".`);

  const parsed = operations[name].input.safeParse(rawInput);
  if (!parsed.success) {
    const { message, path } = describeIssues(parsed.error);
    return fail('INVALID_INPUT', message, path);
  }

  const handler = options.handlers[name] as (input: unknown, context: CallContext) => unknown;

  return runGuarded(options.log, name, context, () => {
    // Every text that enters core is checked for card data here, whatever
    // the operation; domains check again where they build text themselves.
    assertNoCardDataIn(withoutSecrets(parsed.data));
    return handler(parsed.data, context);
  });
}

/** Passphrases and recovery keys may hold any digits; they are never stored as text. */
const SECRET_FIELD = /passphrase|recoveryKey/i;

/**
 * Files sent as base64 (`pkcs12Base64`) are bytes, not text: their letters and
 * digits spell things like "CvD880" by chance, which would refuse a good file.
 */
const BINARY_FIELD = /Base64$/;

function withoutSecrets(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;

  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !SECRET_FIELD.test(key) && !BINARY_FIELD.test(key)),
  );
}

/**
 * Runs core work for a door and turns every way it can end into a result:
 * its value, the OperationError's code, CANCELLED when the caller cancelled,
 * or INTERNAL for anything unexpected (logged by kind only, never by message,
 * which could hold user content).
 */
export async function runGuarded<T>(
  log: Logger,
  name: string,
  context: Pick<CallContext, 'door' | 'signal'>,
  work: () => T | Promise<T>,
): Promise<Result<T>> {
  const started = performance.now();
  try {
    const value = await work();
    log.debug('operation done', { operation: name, door: context.door, ms: elapsed(started) });

    return ok(value);
  } catch (error) {
    if (error instanceof OperationError) {
      log.info('operation refused', { operation: name, code: error.code, ms: elapsed(started) });
      return { ok: false, error: error.toApiError() };
    }

    if (context.signal.aborted) return fail('CANCELLED', 'The operation was cancelled.');

    log.error('operation failed', {
      operation: name,
      errorName: error instanceof Error ? error.name : typeof error,
      ms: elapsed(started),
    });
    return fail('INTERNAL', 'Something went wrong inside the app. The details are in its log.');
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Long operations that are running, by request id, so that a door can cancel them. */
export class RequestRegistry {
  readonly #running = new Map<string, AbortController>();

  start(requestId: string | undefined): AbortController {
    const controller = new AbortController();
    if (requestId !== undefined) this.#running.set(requestId, controller);

    return controller;
  }

  finish(requestId: string | undefined): void {
    if (requestId !== undefined) this.#running.delete(requestId);
  }

  cancel(requestId: string): boolean {
    const controller = this.#running.get(requestId);
    controller?.abort();

    return controller !== undefined;
  }
}

export type EventSink = (event: ApiEvent) => void;
