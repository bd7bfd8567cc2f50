import { useEffect, useRef } from 'react';

/** Typing pauses this long before a section is saved. */
export const SECTION_SAVE_DELAY_MS = 600;

/**
 * Saves `value` a moment after it last changed, and at once when the screen
 * closes with a change still waiting, so that leaving a step never loses it.
 * Nothing is saved for the value the screen opened with.
 */
export function useAutosave<T>(value: T, save: (value: T) => void, enabled = true): void {
  const first = useRef(true);
  const waiting = useRef<{ value: T } | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!enabled) return;
    waiting.current = { value };
    const timer = setTimeout(() => {
      waiting.current = undefined;
      saveRef.current(value);
    }, SECTION_SAVE_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [value, enabled]);

  useEffect(
    () => () => {
      if (waiting.current !== undefined) saveRef.current(waiting.current.value);
    },
    [],
  );
}
