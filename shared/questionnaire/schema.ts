import { z } from 'zod';
import { RESPONSES, SAQ_TYPES } from '../domain/responses';

/**
 * The format of `questionnaires/*.json`, defined once. The JSON Schema in
 * questionnaires/ is generated from this (scripts/generate-questionnaire-schema.ts)
 * so that editors can check a file while it is written; the app itself always
 * validates with this zod schema and then with the cross-checks in check.ts
 * (order, duplicates, references), which a JSON Schema cannot express.
 *
 * Two kinds of definition share the format:
 * - a requirement library: every requirement of one PCI DSS version with our
 *   own-words title, summary and guidance, its place in the tree and, where a
 *   row is answered per bullet, the bullets with short labels;
 * - an SAQ: which library requirements it lists, in order, and how each is
 *   answered, plus its eligibility statements and allowed responses.
 *
 * Answer-row ids. Every response belongs to one answer row:
 * - a requirement answered as a whole: its requirement ID, e.g. `8.3.6`;
 * - a requirement answered once per bullet: `<requirement ID>#<bullet id>`,
 *   e.g. `4.2.1#b2` for the second bullet of 4.2.1. Bullet ids (`b1`, `b2`,
 *   ...) are written in the library and never renumbered, so an answer stays
 *   attached to the same bullet when labels are reworded.
 * Placeholder rows (listed by the SAQ but shown without response boxes) have
 * no answer row. See answer-row-id.ts.
 */

export const DEFINITION_FORMAT = 1;

/** `1`..`12` or `A1`..`A3`, then up to four dot-separated numbers, e.g. `9.5.1.2.1`. */
export const REQUIREMENT_ID_PATTERN = /^(?:[1-9]|1[0-2]|A[1-3])(?:\.[1-9][0-9]?){0,4}$/;
export const BULLET_ID_PATTERN = /^b[1-9][0-9]?$/;
export const DEFINITION_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;

const DATE_PATTERN = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;
const MONTH_OR_DATE_PATTERN = /^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$/;

const text = (max: number) => z.string().min(1).max(max).regex(/\S/, 'must not be blank');

const requirementId = z
  .string()
  .regex(REQUIREMENT_ID_PATTERN, 'must be a requirement ID such as "8.3.6" or "A2.1.1"');
const bulletId = z.string().regex(BULLET_ID_PATTERN, 'must be a bullet id such as "b1"');
const definitionId = z
  .string()
  .regex(DEFINITION_ID_PATTERN, 'must be lower-case letters, digits, dots and dashes');
const calendarDate = z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD');

export const TESTING_METHODS = ['examine', 'interview', 'observe'] as const;
const expectedTesting = z
  .array(z.enum(TESTING_METHODS))
  .min(1)
  .max(TESTING_METHODS.length)
  .describe('Expected testing methods, as the SAQ lists them.');

const bullet = z
  .strictObject({
    id: bulletId,
    label: text(240).describe('Our own short label for the bullet.'),
  })
  .describe('One bullet of a requirement that SAQs answer once per bullet.');

const futureDated = z
  .strictObject({
    until: calendarDate,
    scope: z.enum(['whole-requirement', 'one-bullet']).optional(),
  })
  .describe(
    'History only: the requirement (or one bullet of it) was a best practice until this date. ' +
      'It is mandatory now and is never a reason to answer Not Applicable.',
  );

export const libraryRequirementSchema = z.strictObject({
  id: requirementId,
  parent: requirementId.nullable(),
  level: z.number().int().min(1).max(5),
  title: text(240),
  summary: text(800),
  guidance: text(800).optional(),
  appendix: z.enum(['A1', 'A2', 'A3']).optional(),
  serviceProviderOnly: z.boolean(),
  expectedTesting: expectedTesting.optional(),
  bullets: z.array(bullet).min(2).max(20).optional(),
  futureDated: futureDated.optional(),
});

export const requirementLibrarySchema = z.strictObject({
  $schema: z.string().max(200).optional(),
  format: z.literal(DEFINITION_FORMAT),
  kind: z.literal('requirement-library'),
  id: definitionId,
  title: text(200),
  standard: text(40),
  standardVersion: text(20),
  notice: text(1200),
  requirements: z.array(libraryRequirementSchema).min(1).max(2000),
});

export const saqRowSchema = z.strictObject({
  requirementId,
  placeholder: z
    .literal(true)
    .optional()
    .describe('Listed by the SAQ but shown without response boxes; never answered.'),
  expectedTesting: expectedTesting.optional(),
  bulletIds: z
    .array(bulletId)
    .min(2)
    .max(20)
    .optional()
    .describe('Answered once per bullet: the library bullets that get their own answer row.'),
  officialNote: z
    .literal(true)
    .optional()
    .describe('The official SAQ prints an applicability note at this row.'),
  notes: z.array(text(1200)).min(1).max(10).optional().describe('SAQ-specific notes, our words.'),
});

export const eligibilityStatementSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and dashes'),
  statement: text(800),
});

export const saqDefinitionSchema = z.strictObject({
  $schema: z.string().max(200).optional(),
  format: z.literal(DEFINITION_FORMAT),
  kind: z.literal('saq'),
  id: definitionId,
  saqType: z.enum(SAQ_TYPES),
  title: text(200),
  library: definitionId.describe('The id of the requirement library the rows refer to.'),
  version: z.string().regex(/^[0-9]+\.[0-9]+(?:\.[0-9]+)?$/, 'must be a version such as "4.0.1"'),
  revision: z.number().int().min(0).max(99).describe('0 when the SAQ has no revision.'),
  published: z.string().regex(MONTH_OR_DATE_PATTERN, 'must be written YYYY-MM or YYYY-MM-DD'),
  effectiveFrom: calendarDate.optional(),
  notice: text(1200),
  allowedResponses: z.array(z.enum(RESPONSES)).min(1).max(RESPONSES.length),
  eligibility: z
    .array(eligibilityStatementSchema)
    .max(20)
    .describe('Part 2h statements the merchant confirms; empty for SAQ D.'),
  partialBulletIds: z
    .array(requirementId)
    .max(50)
    .optional()
    .describe('Rows where the SAQ leaves some bullets of the requirement out.'),
  rows: z.array(saqRowSchema).min(1).max(1000),
});

/** Any file in questionnaires/: told apart by `kind`. */
export const questionnaireDefinitionSchema = z.discriminatedUnion('kind', [
  requirementLibrarySchema,
  saqDefinitionSchema,
]);
