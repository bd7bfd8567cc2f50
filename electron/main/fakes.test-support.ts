import type { Logger } from '../core/log/logger';
import { createLogger, memorySink } from '../core/log/logger';

/** A stand-in for the parts of Electron's event emitters the shell uses. */
export class FakeEmitter {
  readonly listeners = new Map<string, ((...args: unknown[]) => unknown)[]>();

  on(event: string, listener: (...args: unknown[]) => unknown): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export function preventableEvent(): { preventDefault(): void; readonly prevented: boolean } {
  let prevented = false;
  return {
    preventDefault() {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

export function testLogger(): { log: Logger; lines: string[] } {
  const sink = memorySink();
  return { log: createLogger({ sinks: [sink], level: 'debug' }), lines: sink.lines };
}
