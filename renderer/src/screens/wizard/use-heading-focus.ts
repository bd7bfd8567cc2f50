import { useEffect } from 'react';
import type { Place } from '../../state/navigation-store';
import { useNavigationStore } from '../../state/navigation-store';

/** Frames to wait for a screen that shows a loader before its heading. */
const FRAMES_TO_WAIT = 30;

/**
 * Moves focus to the heading of the screen shown whenever the screen changes
 * (and when the shell first appears, after unlocking), so that keyboard and
 * screen reader users start at the top of the new screen instead of on the
 * page body or a navigation button. Focus the person has already put inside
 * the screen, or a field a link asked for, is left where it is.
 */
export function useHeadingFocus(place: Place): void {
  useEffect(() => {
    if (useNavigationStore.getState().target !== null) return;
    // Where focus was when the screen changed (a navigation or Next button, or nothing).
    const before = document.activeElement;
    let frame = 0;
    let handle = requestAnimationFrame(function attempt() {
      const main = document.querySelector('main');
      const heading = main?.querySelector('h2');
      if (main === null || heading === null || heading === undefined) {
        frame += 1;
        if (frame < FRAMES_TO_WAIT) handle = requestAnimationFrame(attempt);
        return;
      }
      const active = document.activeElement;
      const movedSince = active !== before && active !== null && active !== document.body;
      if (movedSince || active?.closest('[role="dialog"]') != null) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    });
    return () => {
      cancelAnimationFrame(handle);
    };
  }, [place]);
}
