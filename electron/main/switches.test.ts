import { describe, expect, it } from 'vitest';
import { forbiddenSwitches } from './switches';

describe('forbiddenSwitches', () => {
  it('finds debugging and remote-control switches', () => {
    expect(
      forbiddenSwitches([
        'app',
        '--remote-debugging-port=9222',
        '--inspect',
        '--inspect-brk=0',
        '--js-flags=--x',
        '--lang=en',
      ]),
    ).toEqual(['--remote-debugging-port=9222', '--inspect', '--inspect-brk=0', '--js-flags=--x']);
  });

  it('lets ordinary arguments through', () => {
    expect(forbiddenSwitches(['app', '--lang=en', 'inspect'])).toEqual([]);
  });
});
