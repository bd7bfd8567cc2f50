/**
 * Changes typed but not yet saved, across the whole page. Saves wait for a
 * pause in typing; when the page is hidden or unloaded (reload, tab closed,
 * window switched) every waiting change is sent at once, and while any change
 * is waiting or on its way the browser asks before leaving the page.
 */

type Flush = () => void;

const waiting = new Set<Flush>();
let inFlight = 0;
let listening = false;
let asking = false;

function warnBeforeLeaving(event: BeforeUnloadEvent): void {
  event.preventDefault();
}

function updatePrompt(): void {
  if (typeof window === 'undefined') return;
  const busy = waiting.size > 0 || inFlight > 0;
  if (busy && !asking) window.addEventListener('beforeunload', warnBeforeLeaving);
  if (!busy && asking) window.removeEventListener('beforeunload', warnBeforeLeaving);
  asking = busy;
}

/** Sends every waiting change now (the page is being hidden or left). */
export function flushPendingSaves(): void {
  for (const flush of [...waiting]) flush();
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('pagehide', flushPendingSaves);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushPendingSaves();
  });
}

/**
 * Registers a change that waits to be saved; `flush` sends it at once. The
 * returned function says the change is no longer waiting (sent or dropped).
 */
export function addPendingSave(flush: Flush): () => void {
  listen();
  waiting.add(flush);
  updatePrompt();
  return () => {
    waiting.delete(flush);
    updatePrompt();
  };
}

/** Keeps the prompt before leaving until `save` settles. */
export function trackSave<T>(save: Promise<T>): Promise<T> {
  inFlight += 1;
  updatePrompt();
  const done = (): void => {
    inFlight -= 1;
    updatePrompt();
  };
  save.then(done, done);
  return save;
}

/** Whether a change is waiting or being saved (for tests and the save indicator). */
export function hasPendingSaves(): boolean {
  return waiting.size > 0 || inFlight > 0;
}
