import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocalDate, LocalTime, TextWithDates } from './LocalTime';

afterEach(cleanup);

describe('formatLocalDate', () => {
  it('writes a calendar date as the same day in every time zone', () => {
    expect(formatLocalDate('2026-03-01', { locale: 'en-GB' })).toBe('1 Mar 2026');
    expect(formatLocalDate('2026-03-01', { locale: 'en-US' })).toBe('Mar 1, 2026');
    expect(formatLocalDate('2026-03-01', { locale: 'de-DE' })).toBe('01.03.2026');
  });

  it('writes a timestamp with its time only when asked', () => {
    const at = '2026-12-04T19:47:44.123Z';
    const withTime = formatLocalDate(at, { withTime: true, locale: 'en-GB' });

    expect(formatLocalDate(at, { locale: 'en-GB' })).toMatch(/^\d{1,2} Dec 2026$/);
    expect(withTime).toMatch(/Dec 2026/);
    expect(withTime).toMatch(/\d{2}:47/);
    expect(withTime).not.toContain('T19');
  });

  it('leaves what is not a date as it is', () => {
    expect(formatLocalDate('')).toBe('');
    expect(formatLocalDate('soon')).toBe('soon');
    expect(formatLocalDate('2026-13-45')).toBe('2026-13-45');
  });
});

describe('LocalTime', () => {
  it('keeps the ISO value in dateTime and the tooltip', () => {
    render(<LocalTime value="2026-12-04T19:47:44.123Z" withTime />);
    const time = screen.getByTitle('2026-12-04T19:47:44.123Z');

    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBe('2026-12-04T19:47:44.123Z');
    expect(time.textContent).not.toContain('T19:47');
  });
});

describe('TextWithDates', () => {
  it('shows each date of a sentence as a time element with its ISO value', () => {
    const { container } = render(
      <p>
        <TextWithDates text="Complete and sign this SAQ by 2026-03-01, not 2026-13-45." />
      </p>,
    );
    const times = container.querySelectorAll('time');

    expect(times).toHaveLength(1);
    expect(times[0]?.getAttribute('datetime')).toBe('2026-03-01');
    expect(container.textContent).toMatch(/^Complete and sign this SAQ by .+, not 2026-13-45\.$/);
    expect(container.textContent).not.toContain('2026-03-01');
  });
});
