import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import { assertNoCardData, assertNoCardDataIn, textFieldsOf } from './card-data-guard';

function refusal(run: () => void): OperationError {
  try {
    run();
  } catch (error) {
    if (error instanceof OperationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('assertNoCardData', () => {
  it('lets clean fields through', () => {
    expect(() => {
      assertNoCardData({ note: 'Order 1000234567890123, CVV never stored', title: '' });
    }).not.toThrow();
  });

  it('refuses a card number with the field and range, never the digits', () => {
    const error = refusal(() => {
      assertNoCardData({ title: 'Scan report', note: 'Paid by 4111 1111 1111 1111' });
    });

    expect(error.code).toBe('CARD_DATA_DETECTED');
    expect(error.path).toBe('note');
    expect(error.message).toBe('Refused to store a card number in note (line 1, characters 9-27).');
    expect(JSON.stringify(error.toApiError())).not.toMatch(/1111/);
  });

  it('counts further hits without describing them', () => {
    const error = refusal(() => {
      assertNoCardData({ a: 'CVV: 123', b: '5555555555554444 and 378282246310005' });
    });

    expect(error.path).toBe('a');
    expect(error.message).toMatch(/a card verification code in a .* and 2 more\.$/);
  });
});

describe('assertNoCardDataIn', () => {
  it('scans every string of a nested value under its dotted path', () => {
    const input = { assessment: { answers: [{ note: 'ok' }, { note: 'card 6011111111111117' }] } };
    const error = refusal(() => {
      assertNoCardDataIn(input);
    });

    expect(error.path).toBe('assessment.answers.1.note');
  });

  it('scans object keys without putting a flagged key into any path', () => {
    const input = { notes: { '4111111111111111': { text: 'also 5555555555554444' } } };
    const fields = textFieldsOf(input);

    expect(Object.keys(fields).join(' ')).not.toMatch(/1111/);
    expect(
      refusal(() => {
        assertNoCardDataIn(input);
      }).path,
    ).toBe('notes.[key 0]');
  });

  it('skips a whole base64 data URL (a drawn signature), whose letters can spell "CvD880"', () => {
    const base64 = 'uMws+CvD880sBr/S';
    expect(
      refusal(() => {
        assertNoCardDataIn({ note: base64 });
      }).code,
    ).toBe('CARD_DATA_DETECTED');

    expect(() => {
      assertNoCardDataIn({ signature: { pngDataUrl: `data:image/png;base64,${base64}` } });
    }).not.toThrow();
    expect(
      refusal(() => {
        assertNoCardDataIn({ note: 'data:image/png;base64, paid by 4111 1111 1111 1111' });
      }).path,
    ).toBe('note');
  });

  it('refuses absurdly deep input instead of overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100; level += 1) deep = [deep];

    expect(
      refusal(() => {
        assertNoCardDataIn(deep);
      }).code,
    ).toBe('INVALID_INPUT');
  });
});
