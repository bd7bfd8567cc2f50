import { describe, expect, it } from 'vitest';
import { answerRowId, parseAnswerRowId, principalRequirementOf } from './answer-row-id';

describe('answer-row ids', () => {
  it.each([
    ['8.3.6', null, '8.3.6'],
    ['4.2.1', 'b2', '4.2.1#b2'],
    ['12.5.2', 'b8', '12.5.2#b8'],
    ['A2.1.1', null, 'A2.1.1'],
  ])('%s with bullet %s is "%s" and parses back', (requirementId, bulletId, id) => {
    expect(answerRowId(requirementId, bulletId)).toBe(id);
    expect(parseAnswerRowId(id)).toEqual({ requirementId, bulletId });
  });

  it.each(['', '4.2.1#', '4.2.1#2', '4.2.1#b2#b3', '13.1', 'A4.1', '4.2.1 '])(
    'rejects "%s"',
    (id) => {
      expect(parseAnswerRowId(id)).toBeNull();
    },
  );

  it.each([
    ['1.2.3', '1'],
    ['12.10.4.1', '12'],
    ['A2.1.1', 'A2'],
  ])('%s belongs to principal requirement %s', (requirementId, principal) => {
    expect(principalRequirementOf(requirementId)).toBe(principal);
  });
});
