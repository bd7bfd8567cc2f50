import { describe, expect, it } from 'vitest';
import { readPlace, writePlace } from './place-memory';

function memoryStorage(initial: string | null = null) {
  let stored = initial;
  return {
    getItem: () => stored,
    setItem: (_key: string, value: string) => {
      stored = value;
    },
    get stored() {
      return stored;
    },
  };
}

describe('the remembered place', () => {
  it('comes back as written, with the screen and the assessment only', () => {
    const storage = memoryStorage();
    writePlace(storage, { place: 'questionnaire', assessmentId: 'a1b2' });

    expect(readPlace(storage)).toEqual({ place: 'questionnaire', assessmentId: 'a1b2' });
    expect(Object.keys(JSON.parse(storage.stored ?? '{}') as object).sort()).toEqual([
      'assessmentId',
      'place',
    ]);
  });

  it.each([
    [null],
    ['not json'],
    ['{"place":"somewhere-else","assessmentId":null}'],
    ['{"place":"review","assessmentId":42}'],
    ['"review"'],
  ])('is nothing when the stored text is %j', (stored) => {
    expect(readPlace(memoryStorage(stored))).toBeNull();
  });
});
