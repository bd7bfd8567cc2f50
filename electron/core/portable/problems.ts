import { OperationError } from '../../../shared/api/result';
import type { ErrorCode } from '../../../shared/api/errors';

/** One reason an import is refused, with the JSON path of what it is about. */
export interface ImportProblem {
  /** A JSON path: `$`, `$.assessment.answers[3].notes` ... */
  readonly path: string;
  readonly message: string;
  /** The place in plain words ("Answer to requirement 2.2.2, notes"), when the path has one. */
  readonly where?: string;
}

/**
 * An import refused for one or more reasons, all of them listed. The code is
 * the first problem's kind (CARD_DATA_DETECTED wins, so a card number is
 * never mistaken for a plain format problem); the message lists them all.
 */
export class ImportRefused extends OperationError {
  readonly problems: readonly ImportProblem[];

  constructor(code: ErrorCode, problems: readonly ImportProblem[]) {
    const shown = problems
      .slice(0, 20)
      .map((problem) => `${problem.path}: ${problem.message.replace(/\.$/, '')}`);
    const more = problems.length > 20 ? `; and ${String(problems.length - 20)} more` : '';
    super(
      code,
      `${String(problems.length)} problem(s): ${shown.join('; ')}${more}`,
      problems[0]?.path,
    );
    this.problems = problems;
  }
}

/** `['assessment', 'answers', 3, 'notes']` -> `$.assessment.answers[3].notes` */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${String(segment)}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      path += `.${segment}`;
    } else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

/** A dotted path as the card-data guard writes it (`a.3.b`) as a JSON path. */
export function jsonPathOfDotted(dotted: string): string {
  if (dotted === '' || dotted === '(value)') return '$';
  return jsonPath(dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
}
