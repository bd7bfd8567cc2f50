import {
  describeFinding,
  findCardData,
  scanFields,
  type CardDataFinding,
} from '../../../shared/domain/card-data';
import { OperationError } from '../../../shared/api/result';

/**
 * The card-data guard of every write path. Core calls it with the free text
 * about to be stored; on a hit it refuses with CARD_DATA_DETECTED, naming the
 * field and the character range but never the digits, so the refusal can be
 * logged, audited and shown without leaking what it refused.
 */
export function assertNoCardData(fields: Readonly<Record<string, string>>): void {
  const findings = scanFields(fields);
  const first = findings[0];
  if (first !== undefined) throw cardDataError(first, findings.length);
}

/**
 * The same check over any JSON-like value (an operation's input, an imported
 * file): every string inside is scanned under its dotted path, e.g.
 * `answers.3.note`. Object keys are scanned too, as `<path>.[key <n>]`.
 */
export function assertNoCardDataIn(value: unknown, root = ''): void {
  assertNoCardData(textFieldsOf(value, root));
}

/**
 * An image sent whole as a base64 data URL (a drawn signature) is bytes, not
 * text: random base64 spells things like "CvD880" by chance (measured: a few
 * times in 10,000 strings of 4 KB), which would refuse a good drawing. Only a
 * value of exactly that shape is skipped.
 */
const BASE64_DATA_URL = /^data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]*={0,2}$/i;

/** Every string in a JSON-like value, keyed by its dotted path. */
export function textFieldsOf(value: unknown, root = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (node: unknown, path: string, depth: number): void => {
    // Inputs are parsed JSON or zod output, so deep nesting means a hostile input.
    if (depth > 64) throw new OperationError('INVALID_INPUT', 'The input is nested too deeply.');

    if (typeof node === 'string') {
      if (!BASE64_DATA_URL.test(node)) fields[path === '' ? '(value)' : path] = node;
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, join(path, String(index)), depth + 1);
      });
    } else if (node !== null && typeof node === 'object') {
      Object.entries(node).forEach(([key, item], index) => {
        // A key that is itself card data must not end up in a path either.
        const keyPath = join(path, `[key ${index}]`);
        fields[keyPath] = key;
        visit(item, findCardData(key).length > 0 ? keyPath : join(path, key), depth + 1);
      });
    }
  };
  visit(value, root, 0);

  return fields;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function cardDataError(finding: CardDataFinding, count = 1): OperationError {
  const more = count > 1 ? ` and ${count - 1} more` : '';

  return new OperationError(
    'CARD_DATA_DETECTED',
    `Refused to store ${describeFinding(finding)}${more}.`,
    finding.path,
  );
}
