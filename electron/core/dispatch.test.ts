import { describe, expect, it } from 'vitest';
import { OperationError } from '../../shared/api/result';
import { dispatch, RequestRegistry, type CallContext, type Handlers } from './dispatch';
import { createLogger, memorySink } from './log/logger';

const sink = memorySink();
const log = createLogger({ sinks: [sink], level: 'debug' });

function context(signal = new AbortController().signal): CallContext {
  return { door: 'cli', requestId: 'request_0001', signal, progress: () => undefined };
}

/** Real dispatch over a stand-in handler for getAppInfo, so each failure path can be provoked. */
function handlersWith(
  getAppInfo: (input: unknown, call: CallContext) => unknown,
  name = 'getAppInfo',
): Handlers {
  return { [name]: getAppInfo } as unknown as Handlers;
}

describe('dispatch', () => {
  it('refuses an unknown operation', async () => {
    expect(
      await dispatch({ handlers: handlersWith(() => 1), log }, 'dropTables', {}, context()),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('names the rejected field without echoing its value', async () => {
    const result = await dispatch(
      { handlers: handlersWith(() => 1), log },
      'getAppInfo',
      { secret: '4111 1111 1111 1111' },
      context(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(result)).not.toContain('4111');
  });

  it('passes an OperationError through with its code and path', async () => {
    const result = await dispatch(
      {
        handlers: handlersWith(() => {
          throw new OperationError('VAULT_LOCKED', 'locked', 'vault');
        }),
        log,
      },
      'getAppInfo',
      {},
      context(),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'locked', path: 'vault' },
    });
  });

  it('hides unexpected errors behind INTERNAL and logs only their kind', async () => {
    const result = await dispatch(
      {
        handlers: handlersWith(() => {
          throw new TypeError('boom at /home/alice/secret-file with 4111111111111111');
        }),
        log,
      },
      'getAppInfo',
      {},
      context(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('alice');
    expect(sink.lines.join('\n')).not.toContain('4111111111111111');
    expect(sink.lines.join('\n')).toContain('TypeError');
  });

  it('reports CANCELLED when the caller cancelled a long operation', async () => {
    const requests = new RequestRegistry();
    const controller = requests.start('request_0002');
    const pending = dispatch(
      {
        handlers: handlersWith(
          (_input, call) =>
            new Promise((_resolve, reject) => {
              call.signal.addEventListener('abort', () => {
                reject(new Error('aborted'));
              });
            }),
        ),
        log,
      },
      'getAppInfo',
      {},
      context(controller.signal),
    );

    expect(requests.cancel('request_0002')).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    requests.finish('request_0002');
    expect(requests.cancel('request_0002')).toBe(false);
  });

  it('refuses card numbers in any operation input, naming the field, before the handler runs', async () => {
    let ran = false;
    const handlers = handlersWith(() => {
      ran = true;
      return 1;
    }, 'createAssessment');
    const result = await dispatch(
      { handlers, log },
      'createAssessment',
      { questionnaireId: 'saq-a-v4.0.1-r1', title: 'Paid with 4111 1111 1111 1111' },
      context(),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CARD_DATA_DETECTED', path: 'title' },
    });
    expect(JSON.stringify(result)).not.toContain('4111 1111');
    expect(ran).toBe(false);
  });

  it('lets a passphrase hold any digits', async () => {
    const handlers = handlersWith(() => 'unlocked', 'unlockVault');
    const result = await dispatch(
      { handlers, log },
      'unlockVault',
      { passphrase: '4111 1111 1111 1111 is my odd passphrase' },
      context(),
    );
    expect(result).toEqual({ ok: true, value: 'unlocked' });
  });
});
