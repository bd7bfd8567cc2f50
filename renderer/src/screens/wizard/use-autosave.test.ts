import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECTION_SAVE_DELAY_MS, useAutosave } from './use-autosave';

describe('useAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never saves for a value rebuilt with the same content (no save loop)', () => {
    const save = vi.fn();
    const { rerender } = renderHook(
      ({ value }) => {
        useAutosave(value, save);
      },
      { initialProps: { value: { company: 'Harbour Lane' } } },
    );

    for (let i = 0; i < 5; i++) {
      rerender({ value: { company: 'Harbour Lane' } });
      vi.advanceTimersByTime(SECTION_SAVE_DELAY_MS * 2);
    }
    expect(save).not.toHaveBeenCalled();
  });

  it('saves once a moment after the content changes, then not again for copies', () => {
    const save = vi.fn();
    const { rerender } = renderHook(
      ({ value }) => {
        useAutosave(value, save);
      },
      { initialProps: { value: { company: 'Harbour Lane' } } },
    );

    rerender({ value: { company: 'Harbour Lane Ltd' } });
    rerender({ value: { company: 'Harbour Lane Ltd' } });
    vi.advanceTimersByTime(SECTION_SAVE_DELAY_MS + 1);
    rerender({ value: { company: 'Harbour Lane Ltd' } });
    vi.advanceTimersByTime(SECTION_SAVE_DELAY_MS * 3);

    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ company: 'Harbour Lane Ltd' });
  });

  it('saves a change still waiting when the screen closes', () => {
    const save = vi.fn();
    const { rerender, unmount } = renderHook(
      ({ value }) => {
        useAutosave(value, save);
      },
      { initialProps: { value: 'a' } },
    );

    rerender({ value: 'b' });
    unmount();
    expect(save).toHaveBeenCalledWith('b');
  });

  it('sends a waiting change at once when the page is left, and asks before leaving until then', () => {
    const save = vi.fn();
    const { rerender } = renderHook(
      ({ value }) => {
        useAutosave(value, save);
      },
      { initialProps: { value: 'a' } },
    );
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leaving()).toBe(false);

    rerender({ value: 'b' });
    expect(leaving()).toBe(true);
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledExactlyOnceWith('b');
    expect(leaving()).toBe(false);

    // The timer that would have sent it finds nothing left to send.
    vi.advanceTimersByTime(SECTION_SAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
