import { useEffect, useLayoutEffect, useRef } from 'react';
import { addPendingSave } from '../../state/pending-saves';

/** Typing pauses this long before a section is saved. */
export const SECTION_SAVE_DELAY_MS = 600;

/**
 * Saves `value` a moment after it last changed, and at once when the screen
 * closes with a change still waiting, so that leaving a step never loses it.
 * Nothing is saved for the value the screen opened with. "Changed" means a
 * different content, not a new object: screens often build the value afresh
 * on every render, and comparing identities would save in an endless loop.
 * A change still waiting is sent at once when the page is hidden or left
 * (see pending-saves), and the browser asks before leaving meanwhile.
 */
export function useAutosave<T>(value: T, save: (value: T) => void, enabled = true): void {
  const waiting = useRef<{ value: T } | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;
  const content = JSON.stringify(value);
  const lastContent = useRef(content);

  // A layout effect registers the waiting change in the same task as the
  // keystroke that made it: a passive effect can run after a reload has
  // already asked the page whether to leave, and the browser would not ask.
  useLayoutEffect(() => {
    if (content === lastContent.current) return;
    lastContent.current = content;
    if (!enabled) return;
    const change = { value };
    waiting.current = change;
    const sendNow = (): void => {
      clearTimeout(timer);
      release();
      if (waiting.current !== change) return;
      waiting.current = undefined;
      saveRef.current(value);
    };
    const timer = setTimeout(sendNow, SECTION_SAVE_DELAY_MS);
    const release = addPendingSave(sendNow);
    return () => {
      clearTimeout(timer);
      release();
    };
    // `value` is read through `content`: the effect runs when the content changes.
  }, [content, enabled]);

  useEffect(
    () => () => {
      if (waiting.current !== undefined) saveRef.current(waiting.current.value);
    },
    [],
  );
}
