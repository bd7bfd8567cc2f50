import type { z } from 'zod';
import { questionnaireDefinitionSchema } from './schema';
import type {
  DefinitionProblem,
  QuestionnaireDefinition,
  RequirementLibrary,
  SaqDefinition,
} from './types';

/**
 * Validation of definition files beyond their JSON syntax: the zod schema
 * (fields and types), then cross-checks that need the whole file or its
 * library (duplicates, order, references). Pure: the loader in core reads the
 * files and calls these. Every function returns problems; none throws on
 * any input.
 */

/** Enough for a person to fix a file; a garbage file would otherwise list thousands. */
export const MAX_PROBLEMS_PER_FILE = 50;

/** Levels 1 and 2 are headings (principal requirements and their sections); rows start at 3. */
const FIRST_ANSWERABLE_LEVEL = 3;

type PathSegment = string | number;

/** `$.rows[3].requirementId`; keys that are not plain names are quoted. */
export function jsonPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)
      ? `${path}.${segment}`
      : `${path}[${JSON.stringify(segment)}]`;
  }, '$');
}

function hasKeyAt(value: unknown, segments: readonly PathSegment[]): boolean {
  let current: unknown = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return false;
    if (!Object.hasOwn(current, segment)) return false;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return true;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path as PathSegment[];

  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
      .slice(0, 5)
      .map((key) => JSON.stringify(key.slice(0, 40)))
      .join(', ')}`;
  }
  if (path.length > 0 && !hasKeyAt(input, path)) {
    return issue.code === 'invalid_type'
      ? `missing required field (${issue.expected})`
      : 'missing required field';
  }
  if (issue.code === 'invalid_union' && path.at(-1) === 'kind') {
    return 'must be "saq" or "requirement-library"';
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'array') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    return `must list ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} item(s)`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return issue.minimum === 1
      ? 'must not be empty'
      : `must be at least ${String(issue.minimum)} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `must be at most ${String(issue.maximum)} characters`;
  }
  return issue.message;
}

export interface SchemaCheck {
  readonly definition: QuestionnaireDefinition | null;
  readonly problems: readonly DefinitionProblem[];
}

/** Checks fields and types against the schema. */
export function checkDefinitionShape(file: string, value: unknown): SchemaCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      definition: null,
      problems: [{ file, path: '$', message: 'must be a JSON object' }],
    };
  }

  const parsed = questionnaireDefinitionSchema.safeParse(value);
  if (parsed.success) return { definition: parsed.data, problems: [] };

  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS_PER_FILE).map((issue) => ({
    file,
    path: jsonPath(issue.path as PathSegment[]),
    message: describeIssue(issue, value),
  }));
  return {
    definition: null,
    problems: withOverflowNote(file, problems, parsed.error.issues.length),
  };
}

function withOverflowNote(
  file: string,
  problems: DefinitionProblem[],
  total: number,
): DefinitionProblem[] {
  if (total <= problems.length) return problems;

  return [
    ...problems,
    { file, path: '$', message: `${total - problems.length} more problems not listed` },
  ];
}

function firstDuplicate<T>(values: readonly T[]): T | undefined {
  const seen = new Set<T>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}

/** Tree, order and uniqueness of a library's requirements and bullets. */
export function checkLibrary(file: string, library: RequirementLibrary): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (segments: PathSegment[], message: string) => {
    problems.push({ file, path: jsonPath(segments), message });
  };
  const seen = new Map<string, { index: number; level: number }>();

  library.requirements.forEach((requirement, index) => {
    const at = (...rest: PathSegment[]) => ['requirements', index, ...rest];
    const earlier = seen.get(requirement.id);

    if (earlier !== undefined) {
      add(
        at('id'),
        `duplicate requirement "${requirement.id}" (first at requirements[${earlier.index}])`,
      );
      return;
    }
    seen.set(requirement.id, { index, level: requirement.level });

    if (requirement.parent === null) {
      if (requirement.level !== 1) add(at('parent'), 'only level-1 requirements have no parent');
      if (requirement.id.includes('.')) add(at('parent'), `"${requirement.id}" needs a parent`);
    } else {
      const parent = seen.get(requirement.parent);
      if (parent === undefined) {
        add(at('parent'), `parent "${requirement.parent}" is not a requirement listed before it`);
      } else if (parent.level + 1 !== requirement.level) {
        add(
          at('level'),
          `must be ${parent.level + 1}, one below its parent "${requirement.parent}"`,
        );
      }
      if (!requirement.id.startsWith(`${requirement.parent}.`)) {
        add(at('id'), `"${requirement.id}" does not sit under its parent "${requirement.parent}"`);
      }
    }

    const methods = requirement.expectedTesting ?? [];
    if (firstDuplicate(methods) !== undefined) add(at('expectedTesting'), 'lists a method twice');

    (requirement.bullets ?? []).forEach((bullet, bulletIndex) => {
      if (bullet.id !== `b${bulletIndex + 1}`) {
        add(
          at('bullets', bulletIndex, 'id'),
          `must be "b${bulletIndex + 1}" (bullets are numbered in order)`,
        );
      }
    });
  });

  return problems.slice(0, MAX_PROBLEMS_PER_FILE);
}

/** An SAQ's rows against its library: known IDs, order, bullets, placeholders, responses. */
export function checkSaq(
  file: string,
  saq: SaqDefinition,
  library: RequirementLibrary,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (segments: PathSegment[], message: string) => {
    problems.push({ file, path: jsonPath(segments), message });
  };
  const position = new Map(
    library.requirements.map((requirement, index) => [requirement.id, index]),
  );
  const rowIndex = new Map<string, number>();
  let previous: { id: string; position: number } | null = null;
  let answerRows = 0;

  if (saq.library !== library.id) add(['library'], `does not match library "${library.id}"`);

  saq.rows.forEach((row, index) => {
    const at = (...rest: PathSegment[]) => ['rows', index, ...rest];
    const requirementAt = position.get(row.requirementId);
    const requirement =
      requirementAt === undefined ? undefined : library.requirements[requirementAt];
    const duplicateOf = rowIndex.get(row.requirementId);

    if (duplicateOf !== undefined) {
      add(
        at('requirementId'),
        `duplicate row "${row.requirementId}" (first at rows[${duplicateOf}])`,
      );
      return;
    }
    rowIndex.set(row.requirementId, index);

    if (requirementAt === undefined || requirement === undefined) {
      add(
        at('requirementId'),
        `unknown requirement "${row.requirementId}" in library "${library.id}"`,
      );
      return;
    }
    if (requirement.level < FIRST_ANSWERABLE_LEVEL) {
      add(at('requirementId'), `"${row.requirementId}" is a heading, not a requirement row`);
    }
    if (previous !== null && requirementAt < previous.position) {
      add(
        at('requirementId'),
        `"${row.requirementId}" must come before "${previous.id}" (library order)`,
      );
    }
    previous = { id: row.requirementId, position: requirementAt };

    if (firstDuplicate(row.expectedTesting ?? []) !== undefined) {
      add(at('expectedTesting'), 'lists a method twice');
    }

    if (row.placeholder === true) {
      if (row.bulletIds !== undefined) add(at('bulletIds'), 'a placeholder row has no answers');
      if (row.expectedTesting !== undefined) {
        add(at('expectedTesting'), 'a placeholder row is not tested');
      }
      return;
    }

    if (row.bulletIds === undefined) {
      answerRows += 1;
      return;
    }
    answerRows += row.bulletIds.length;
    const known = new Set((requirement.bullets ?? []).map((bullet) => bullet.id));
    const duplicateBullet = firstDuplicate(row.bulletIds);
    if (duplicateBullet !== undefined)
      add(at('bulletIds'), `bullet "${duplicateBullet}" listed twice`);
    row.bulletIds.forEach((bulletId, bulletIndex) => {
      if (!known.has(bulletId)) {
        add(
          at('bulletIds', bulletIndex),
          known.size === 0
            ? `requirement "${row.requirementId}" has no bullets in library "${library.id}"`
            : `requirement "${row.requirementId}" has no bullet "${bulletId}"`,
        );
      }
    });
  });

  if (answerRows === 0) add(['rows'], 'no row can be answered (all are placeholders or invalid)');

  (saq.partialBulletIds ?? []).forEach((requirementId, index) => {
    const at = rowIndex.get(requirementId);
    if (at === undefined) {
      add(['partialBulletIds', index], `"${requirementId}" is not a row of this SAQ`);
    } else if (saq.rows[at]?.placeholder === true) {
      add(['partialBulletIds', index], `"${requirementId}" is a placeholder row`);
    }
  });
  const duplicatePartial = firstDuplicate(saq.partialBulletIds ?? []);
  if (duplicatePartial !== undefined) {
    add(['partialBulletIds'], `"${duplicatePartial}" listed twice`);
  }

  const duplicateResponse = firstDuplicate(saq.allowedResponses);
  if (duplicateResponse !== undefined) {
    add(['allowedResponses'], `"${duplicateResponse}" listed twice`);
  }
  // Only the SAQ D family lets a requirement be left out of the assessment.
  const notTested = saq.allowedResponses.indexOf('not-tested');
  if (notTested >= 0 && !saq.saqType.startsWith('D-')) {
    add(['allowedResponses', notTested], 'only SAQ D allows "not-tested"');
  }
  if (!saq.allowedResponses.includes('in-place')) {
    add(['allowedResponses'], 'must include "in-place"');
  }

  const duplicateStatement = firstDuplicate(saq.eligibility.map((statement) => statement.id));
  if (duplicateStatement !== undefined) {
    add(['eligibility'], `statement id "${duplicateStatement}" listed twice`);
  }

  return withOverflowNote(file, problems.slice(0, MAX_PROBLEMS_PER_FILE), problems.length);
}
