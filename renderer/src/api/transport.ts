import type { ApiEventListener } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';

/**
 * How the page reaches core: the preload bridge in the desktop window, HTTP
 * on 127.0.0.1 in browser mode. The client above it does not know which.
 */
export interface Transport {
  invoke(name: string, input: unknown, requestId?: string): Promise<Result<unknown>>;
  cancel(requestId: string): Promise<void>;
  onEvent(listener: ApiEventListener): () => void;
}
