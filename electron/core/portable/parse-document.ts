import {
  PORTABLE_FORMAT,
  PORTABLE_LIMITS,
  portableAssessmentSchema,
  type PortableAssessment,
} from '../../../shared/portable/assessment-format';
import { describeFinding, scanFields } from '../../../shared/domain/card-data';
import { textFieldsOf } from '../guard/card-data-guard';
import { locateProblems } from './plain-location';
import { ImportRefused, jsonPath, jsonPathOfDotted, type ImportProblem } from './problems';

/** Keys that could reach an object's prototype if some later code copied them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The deepest nesting of objects and arrays in a JSON text, counted without
 * parsing it (strings are skipped), so a hostile file cannot make the parser
 * recurse before its depth is known. Stops counting past `limit`.
 */
export function jsonDepth(source: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index += 1;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) inString = true;
    else if (character === 0x7b || character === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (character === 0x7d || character === 0x5d) depth -= 1;
  }
  return deepest;
}

function forbiddenKeyProblems(value: unknown): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const visit = (node: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({
            path: jsonPath([...path, key]),
            // Such a key could change how a program reads the object it sits in.
            message: `A key named ${key} is not allowed (it could change how the app reads the file).`,
          });
        } else visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
  return problems;
}

function cardDataProblems(value: unknown): ImportProblem[] {
  return scanFields(textFieldsOf(value)).map((finding) => ({
    path: jsonPathOfDotted(finding.path),
    // The finding names the field and the place, never the digits.
    message: `Refused: ${describeFinding({ ...finding, path: 'this text' })}.`,
  }));
}

/**
 * Reads a portable assessment from its bytes: size and depth limits before
 * parsing, then forbidden keys, the strict schema and the card-data guard,
 * every problem collected with its JSON path. Throws ImportRefused listing
 * them all; returns the document only when there is none.
 */
export function parsePortableDocument(bytes: Uint8Array): PortableAssessment {
  if (bytes.length > PORTABLE_LIMITS.maxDocumentBytes) {
    throw new ImportRefused('TOO_LARGE', [
      {
        path: '$',
        message: `The document is larger than ${String(PORTABLE_LIMITS.maxDocumentBytes)} bytes.`,
      },
    ]);
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportRefused('INVALID_INPUT', [
      { path: '$', message: 'The file is not UTF-8 text.' },
    ]);
  }
  if (jsonDepth(source, PORTABLE_LIMITS.maxDepth) > PORTABLE_LIMITS.maxDepth) {
    throw new ImportRefused('INVALID_INPUT', [
      { path: '$', message: `Nested deeper than ${String(PORTABLE_LIMITS.maxDepth)} levels.` },
    ]);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'unreadable';
    throw new ImportRefused('INVALID_INPUT', [{ path: '$', message: `Not JSON: ${detail}` }]);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    (parsed as Record<string, unknown>)['format'] !== PORTABLE_FORMAT
  ) {
    throw new ImportRefused('INVALID_INPUT', [
      { path: '$.format', message: `Not a "${PORTABLE_FORMAT}" document.` },
    ]);
  }

  const cardData = cardDataProblems(parsed);
  const problems = [...forbiddenKeyProblems(parsed)];
  const result = portableAssessmentSchema.safeParse(parsed);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          if (FORBIDDEN_KEYS.has(key)) continue;
          problems.push({ path: jsonPath([...issue.path, key]), message: 'Unknown key.' });
        }
      } else problems.push({ path: jsonPath(issue.path), message: issue.message });
    }
  }
  if (cardData.length > 0) {
    throw new ImportRefused(
      'CARD_DATA_DETECTED',
      locateProblems([...cardData, ...problems], parsed),
    );
  }
  if (problems.length > 0 || !result.success) {
    throw new ImportRefused('INVALID_INPUT', locateProblems(problems, parsed));
  }

  return result.data;
}
