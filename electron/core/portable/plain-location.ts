import type { ImportProblem } from './problems';

/**
 * A JSON path says where a problem is to a program; people need the place in
 * their own terms: "Answer to requirement 2.2.2, notes" rather than
 * `$.assessment.answers[0].notes`. The document (as parsed, possibly
 * malformed) supplies the row id or evidence title where it has one.
 */

type Segment = string | number;

/** `$.assessment.answers[0]["a b"]` -> `['assessment', 'answers', 0, 'a b']`; null if not a path. */
export function segmentsOf(path: string): Segment[] | null {
  if (!path.startsWith('$')) return null;
  const segments: Segment[] = [];
  const pattern = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (match === null) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3] ?? '""') as string);
  }
  return segments;
}

const SECTIONS: Readonly<Record<string, string>> = {
  title: 'Assessment title',
  periodStart: 'Assessment period start',
  periodEnd: 'Assessment period end',
  status: 'Signing status',
  signedAt: 'Signing time',
  questionnaire: 'Questionnaire',
  merchant: 'Merchant details (Part 1a)',
  assessor: 'Assessor details (Part 1b)',
  levelInputs: 'Merchant level (transaction counts)',
  saqChoice: 'SAQ choice',
  executiveSummary: 'Executive summary (Part 2)',
  dueDates: 'Due dates',
  answers: 'Answers',
  attestation: 'Attestation (Part 3)',
};

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A key as words: `contactTitle` -> `contact title`; a list index counts from 1. */
function wordsOf(segment: Segment): string {
  if (typeof segment === 'number') return `item ${String(segment + 1)}`;
  if (FORBIDDEN.has(segment)) return `a key named ${segment}`;
  return segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function childOf(node: unknown, segment: Segment): unknown {
  if (Array.isArray(node) && typeof segment === 'number') return node[segment];
  if (node !== null && typeof node === 'object' && typeof segment === 'string') {
    return Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return undefined;
}

function textAt(node: unknown, key: string): string | undefined {
  const value = childOf(node, key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 80) : undefined;
}

/**
 * The place in plain words, or undefined where the path alone says it best
 * (the whole file, the format fields).
 */
export function plainLocation(path: string, document: unknown): string | undefined {
  const segments = segmentsOf(path);
  if (segments === null) return undefined;
  // A refused key's message names it already: the place is where it sits.
  const last = segments.at(-1);
  if (typeof last === 'string' && FORBIDDEN.has(last)) segments.pop();
  const [top, section, index, ...rest] = segments;

  if (top === 'evidence' && typeof section === 'number') {
    const item = childOf(childOf(document, 'evidence'), section);
    const title = textAt(item, 'title');
    const named =
      title === undefined ? `Evidence item ${String(section + 1)}` : `Evidence "${title}"`;
    return [named, ...[index, ...rest].filter((part) => part !== undefined).map(wordsOf)].join(
      ', ',
    );
  }
  if (top !== 'assessment' || section === undefined) return undefined;

  if (section === 'answers' && typeof index === 'number') {
    const answer = childOf(childOf(childOf(document, 'assessment'), 'answers'), index);
    const rowId = textAt(answer, 'rowId');
    const named =
      rowId === undefined ? `Answer ${String(index + 1)}` : `Answer to requirement ${rowId}`;
    return [named, ...rest.map(wordsOf)].join(', ');
  }
  const name = typeof section === 'string' ? SECTIONS[section] : undefined;
  const first = name ?? wordsOf(section);
  return [
    first.charAt(0).toUpperCase() + first.slice(1),
    ...[index, ...rest].filter((part) => part !== undefined).map(wordsOf),
  ].join(', ');
}

/** Adds the plain location to every problem that has one. */
export function locateProblems(
  problems: readonly ImportProblem[],
  document: unknown,
): ImportProblem[] {
  return problems.map((problem) => {
    const where = problem.where ?? plainLocation(problem.path, document);
    return where === undefined ? problem : { ...problem, where };
  });
}
