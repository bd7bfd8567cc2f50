import { afterEach, beforeEach } from 'vitest';
import type { Result } from '../../../shared/api/result';
import type { CoreContext } from '../core-context';
import { dispatch, type CallContext, type Handlers } from '../dispatch';
import { silentLogger } from '../log/logger';
import { assessmentHandlers } from '../ops/assessment-handlers';
import { evidenceHandlers } from '../ops/evidence-handlers';
import { temporaryVault, TEST_PASSPHRASE, type TemporaryVault } from '../vault/testing';
import { invokeThrough, type InvokeOperation } from './sample';

/**
 * Core's assessment operations (and, when asked, the evidence ones) over a
 * new temporary vault for each test, called through dispatch as a door calls
 * them: input parsing, the card-data check and error mapping included.
 */
export interface AssessmentTestBed {
  /** The current test's vault (a new one per test). */
  readonly vault: TemporaryVault;
  /** One operation by name, answering as the door would see it. */
  readonly call: (name: string, input: unknown) => Promise<Result<unknown>>;
  /** The same, typed, throwing an OperationError on a failure. */
  readonly invoke: InvokeOperation;
}

/** Registers the test bed's beforeEach and afterEach hooks in the calling test file. */
export function assessmentTestBed(options: {
  readonly prefix: string;
  /** The assessments' clock ("today" for dates and signing). */
  readonly now: () => Date;
  readonly withEvidence?: boolean;
  /** Where long operations report their progress. */
  readonly progress?: CallContext['progress'];
}): AssessmentTestBed {
  let vault: TemporaryVault | undefined;
  let handlers: Handlers | undefined;

  beforeEach(async () => {
    vault = temporaryVault({ prefix: options.prefix });
    await vault.service.create(TEST_PASSPHRASE);
    const context: CoreContext = {
      door: 'browser',
      dataDir: vault.root,
      vaultPaths: vault.service.paths,
      log: silentLogger,
      events: vault.events,
    };
    handlers = {
      ...(options.withEvidence === true ? evidenceHandlers(context, vault.service) : {}),
      ...assessmentHandlers(context, vault.service, { now: options.now }),
    } as unknown as Handlers;
  });

  afterEach(async () => {
    await vault?.remove();
    vault = undefined;
    handlers = undefined;
  });

  const call = (name: string, input: unknown) => {
    if (handlers === undefined) throw new Error('operations are called only inside a test');
    return dispatch({ handlers, log: silentLogger }, name, input, {
      door: 'browser',
      requestId: 'request-0001',
      signal: new AbortController().signal,
      progress: options.progress ?? (() => undefined),
    });
  };

  return {
    get vault() {
      if (vault === undefined) throw new Error('the test vault exists only inside a test');
      return vault;
    },
    call,
    invoke: invokeThrough(call),
  };
}
