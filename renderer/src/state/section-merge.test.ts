import { describe, expect, it } from 'vitest';
import { mergeChanges, sameValue } from './section-merge';

const base = {
  merchant: { companyName: 'Harbour Lane', phone: '+44 20 7946 0000', website: '' },
  assessor: { isaNames: ['Ada'], qsa: null },
};

describe('mergeChanges', () => {
  it('keeps both windows’ changes to different fields', () => {
    const mine = { ...base, merchant: { ...base.merchant, phone: '+44 20 7946 0999' } };
    const theirs = { ...base, merchant: { ...base.merchant, website: 'https://hl.example' } };

    expect(mergeChanges(base, mine, theirs)).toEqual({
      value: {
        ...base,
        merchant: { ...base.merchant, phone: '+44 20 7946 0999', website: 'https://hl.example' },
      },
      conflicts: [],
    });
  });

  it('keeps the saved value where both changed the same field, and names it', () => {
    const mine = { ...base, merchant: { ...base.merchant, companyName: 'Mine Ltd' } };
    const theirs = {
      merchant: { ...base.merchant, companyName: 'Theirs Ltd' },
      assessor: { isaNames: ['Ada', 'Grace'], qsa: null },
    };

    const merged = mergeChanges(base, mine, theirs);

    expect(merged.value).toEqual(theirs);
    expect(merged.conflicts).toEqual(['merchant.companyName']);
  });

  it('merges lists as a whole and agrees when both made the same change', () => {
    const mine = { ...base, assessor: { isaNames: ['Ada', 'Grace'], qsa: null } };
    expect(mergeChanges(base, mine, mine)).toEqual({ value: mine, conflicts: [] });

    const theirs = { ...base, assessor: { isaNames: ['Grace'], qsa: null } };
    expect(mergeChanges(base, mine, theirs).conflicts).toEqual(['assessor.isaNames']);
  });

  it('takes a field that only one side added or removed', () => {
    const start: Record<string, string> = { a: '1' };
    expect(mergeChanges(start, { a: '1', b: '2' }, { a: '3' }).value).toEqual({ a: '3', b: '2' });
    expect(mergeChanges(start, {}, { a: '1', c: '4' }).value).toEqual({ c: '4' });
  });

  it('compares objects whatever the order of their keys', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(
      true,
    );
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
  });
});
