import { describe, expect, it } from 'vitest';
import { outcomeSoFar, outcomeSoFarLabel } from './outcome-so-far';

describe('the outcome so far', () => {
  it.each([
    ['nothing answered', 'non-compliant', 0, 27, 'In progress (0 of 27 answered)'],
    ['one row left', 'compliant', 26, 27, 'In progress (26 of 27 answered)'],
    ['every row answered', 'non-compliant', 27, 27, 'Non-Compliant'],
    ['complete and compliant', 'compliant', 27, 27, 'Compliant'],
    [
      'complete with a legal exception',
      'compliant-with-legal-exception',
      254,
      254,
      'Compliant but with Legal exception',
    ],
  ] as const)('%s', (_label, status, answered, total, shown) => {
    const progress = { answered, total };
    expect(outcomeSoFarLabel(outcomeSoFar(status, progress), progress)).toBe(shown);
  });
});
