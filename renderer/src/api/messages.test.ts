import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/api/errors';
import { messageFor } from './messages';

describe('messageFor', () => {
  it('has a sentence for every error code', () => {
    for (const code of ERROR_CODES)
      expect(messageFor({ code, message: '' }).length).toBeGreaterThan(5);
  });

  it('shows why an input was refused, since core names the field and the rule', () => {
    expect(
      messageFor({ code: 'INVALID_INPUT', message: 'recoveryKey: its last group does not match' }),
    ).toBe('This was not accepted: recoveryKey: its last group does not match');
  });

  it('keeps technical messages of other codes away from the person', () => {
    expect(messageFor({ code: 'INTERNAL', message: 'TypeError at x.ts:12' })).not.toContain(
      'TypeError',
    );
    expect(messageFor({ code: 'APP_UNREACHABLE', message: 'fetch failed' })).toContain(
      'not running',
    );
  });
});
