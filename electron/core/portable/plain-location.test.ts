import { describe, expect, it } from 'vitest';
import { locateProblems, plainLocation, segmentsOf } from './plain-location';

const document = {
  assessment: {
    answers: [{ rowId: '2.2.2', notes: '' }, { notes: '' }],
    merchant: { contactTitle: '' },
  },
  evidence: [{ title: 'Quarterly ASV scan' }, {}],
};

describe('plain locations of import problems', () => {
  it('reads JSON paths, quoted keys included, and refuses what is not one', () => {
    expect(segmentsOf('$.assessment.answers[0]["odd key"]')).toEqual([
      'assessment',
      'answers',
      0,
      'odd key',
    ]);
    expect(segmentsOf('$')).toEqual([]);
    expect(segmentsOf('assessment.answers')).toBeNull();
    expect(segmentsOf('$..x')).toBeNull();
  });

  it('names the requirement an answer is for, or its place when the row id is missing', () => {
    expect(plainLocation('$.assessment.answers[0].notes', document)).toBe(
      'Answer to requirement 2.2.2, notes',
    );
    expect(plainLocation('$.assessment.answers[1].payload.ccwWorksheet', document)).toBe(
      'Answer 2, payload, ccw worksheet',
    );
    expect(plainLocation('$.assessment.answers[0].__proto__', document)).toBe(
      'Answer to requirement 2.2.2',
    );
    expect(plainLocation('$.assessment.merchant.__proto__.x', document)).toBe(
      'Merchant details (Part 1a), a key named __proto__, x',
    );
  });

  it('names the AOC part, the evidence item by title, and leaves the file-level paths alone', () => {
    expect(plainLocation('$.assessment.merchant.contactTitle', document)).toBe(
      'Merchant details (Part 1a), contact title',
    );
    expect(plainLocation('$.assessment.attestation.acknowledgements[2]', document)).toBe(
      'Attestation (Part 3), acknowledgements, item 3',
    );
    expect(plainLocation('$.evidence[0].file', document)).toBe(
      'Evidence "Quarterly ASV scan", file',
    );
    expect(plainLocation('$.evidence[1].sha256', document)).toBe('Evidence item 2, sha256');
    expect(plainLocation('$', document)).toBeUndefined();
    expect(plainLocation('$.format', document)).toBeUndefined();
    expect(plainLocation('$.assessment', document)).toBeUndefined();
  });

  it('adds the place only where there is one, keeping path and message', () => {
    expect(
      locateProblems(
        [
          { path: '$', message: 'Not JSON.' },
          { path: '$.assessment.answers[0].notes', message: 'Too long.' },
        ],
        document,
      ),
    ).toEqual([
      { path: '$', message: 'Not JSON.' },
      {
        path: '$.assessment.answers[0].notes',
        message: 'Too long.',
        where: 'Answer to requirement 2.2.2, notes',
      },
    ]);
  });
});
