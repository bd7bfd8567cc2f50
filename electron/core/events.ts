import type { ApiEvent, ApiEventListener } from '../../shared/api/events';

/** Fans core events out to every door that listens (a window, browser tabs). */
export class EventHub {
  readonly #listeners = new Set<ApiEventListener>();

  subscribe(listener: ApiEventListener): () => void {
    this.#listeners.add(listener);

    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit(event: ApiEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed tab) must not stop the others.
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
