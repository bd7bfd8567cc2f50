import { describe, expect, it } from 'vitest';
import { answerRowsOf, principalOf, type QuestionnaireShape } from './answer-rows';

describe('principalOf', () => {
  it.each([
    ['1.2.1', '1'],
    ['12.8.1', '12'],
    ['A2.1.1', 'A2'],
    ['A1.1.1', null],
    ['13.1', null],
    ['', null],
  ])('%s belongs to %s', (requirementId, principal) => {
    expect(principalOf(requirementId)).toBe(principal);
  });
});

describe('answerRowsOf', () => {
  it('flattens requirements into answer rows, keeping placeholders as uncounted rows', () => {
    const questionnaire: QuestionnaireShape = {
      groups: [
        {
          rows: [
            {
              requirementId: '4.2.1',
              placeholder: false,
              answerRows: [{ id: '4.2.1#b1' }, { id: '4.2.1#b2' }],
            },
            { requirementId: '3.3.3', placeholder: true, answerRows: [] },
          ],
        },
        { rows: [{ requirementId: 'A2.1.1', placeholder: false, answerRows: [{ id: 'A2.1.1' }] }] },
      ],
    };
    expect(answerRowsOf(questionnaire)).toEqual([
      { id: '4.2.1#b1', requirementId: '4.2.1', principal: '4', placeholder: false },
      { id: '4.2.1#b2', requirementId: '4.2.1', principal: '4', placeholder: false },
      { id: '3.3.3', requirementId: '3.3.3', principal: '3', placeholder: true },
      { id: 'A2.1.1', requirementId: 'A2.1.1', principal: 'A2', placeholder: false },
    ]);
  });
});
