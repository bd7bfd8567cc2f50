import { beforeAll, describe, expect, it } from 'vitest';
import { answerRowsOf } from '../../../shared/domain/answer-rows';
import { silentLogger } from '../log/logger';
import type {
  RequirementLibrary,
  ResolvedQuestionnaire,
  SaqDefinition,
} from '../../../shared/questionnaire/types';
import { loadCatalogue, type Catalogue } from './catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from './definition-files';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  factsSection,
  referenceRequirements,
  referenceSaqs,
  type ReferenceSaq,
} from './reference.test-support';

/**
 * The shipped definitions against the reference facts they were built from:
 * every count, ID, order, placeholder, per-bullet row and testing method.
 */

const SHIPPED = [
  { referenceKey: 'A', id: 'saq-a-v4.0.1-r1', file: 'saq-a.json', factsHeading: '### SAQ A ' },
  {
    referenceKey: 'A-EP',
    id: 'saq-a-ep-v4.0.1',
    file: 'saq-a-ep.json',
    factsHeading: '### SAQ A-EP',
  },
  {
    referenceKey: 'D-Merchant',
    id: 'saq-d-merchant-v4.0.1',
    file: 'saq-d-merchant.json',
    factsHeading: null,
  },
] as const;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, file), 'utf8'));
}

/** Numbered eligibility statements under an SAQ's heading in section 4 of the facts. */
function eligibilityCount(heading: string): number {
  const section = factsSection(4);
  const start = section.indexOf(heading);
  const end = section.indexOf('\n### ', start + 1);
  expect(start, `facts section 4 has "${heading}"`).toBeGreaterThanOrEqual(0);

  return section
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => /^\d+\. /.test(line)).length;
}

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger });
});

describe('bundled catalogue', () => {
  it('lists the library and the three SAQs as usable and official', () => {
    const listed = catalogue.entries.map((entry) => [
      entry.id,
      entry.usable,
      entry.official,
      entry.problems,
    ]);

    expect(listed).toEqual(
      expect.arrayContaining([
        ['pci-dss-v4.0.1', true, true, []],
        ...SHIPPED.map((saq) => [saq.id, true, true, []]),
      ]),
    );
    expect(catalogue.entries).toHaveLength(SHIPPED.length + 1);
  });
});

describe.each(SHIPPED)('SAQ $referenceKey against the reference', (shipped) => {
  let reference: ReferenceSaq;
  let resolved: ResolvedQuestionnaire;
  let definition: SaqDefinition;
  beforeAll(() => {
    const found = referenceSaqs()[shipped.referenceKey];
    if (found === undefined) throw new Error(`reference has no SAQ ${shipped.referenceKey}`);
    reference = found;
    resolved = catalogue.resolve(shipped.id);
    definition = readJson(shipped.file) as SaqDefinition;
  });

  it('shows every ID of the SAQ in the same order, placeholders included', () => {
    const rows = resolved.groups.flatMap((group) => group.rows);

    expect(rows.map((row) => row.requirementId)).toEqual(reference.rows.map((row) => row.id));
  });

  it('asks exactly the reference requirement IDs', () => {
    const asked = resolved.groups.flatMap((group) => group.rows).filter((row) => !row.placeholder);

    expect(asked.map((row) => row.requirementId)).toEqual(reference.requirementIds);
    expect(resolved.requirementCount).toBe(reference.count);
  });

  it('has as many answer rows as the reference, per-bullet rows counted', () => {
    expect(resolved.answerRowIds).toHaveLength(reference.responseRowCount);
    expect(new Set(resolved.answerRowIds).size).toBe(resolved.answerRowIds.length);
  });

  it('reads the same answer rows through the outcome rules', () => {
    const rows = answerRowsOf(resolved);

    expect(rows.filter((row) => !row.placeholder).map((row) => row.id)).toEqual(
      resolved.answerRowIds,
    );
    expect(rows.filter((row) => row.placeholder)).toHaveLength(
      reference.placeholderIds?.length ?? 0,
    );
  });

  it('marks the placeholder rows and gives them no answer row', () => {
    const rows = resolved.groups.flatMap((group) => group.rows);
    const placeholders = rows.filter((row) => row.placeholder);

    expect(placeholders.map((row) => row.requirementId)).toEqual(reference.placeholderIds ?? []);
    expect(placeholders.every((row) => row.answerRows.length === 0)).toBe(true);
  });

  it('answers per bullet exactly where the reference counts bullets', () => {
    const rows = resolved.groups.flatMap((group) => group.rows);

    for (const referenceRow of reference.rows) {
      const row = rows.find((candidate) => candidate.requirementId === referenceRow.id);
      const expected = referenceRow.placeholder ? 0 : Math.max(1, referenceRow.bulletCount);
      expect(row?.answerRows.length, referenceRow.id).toBe(expected);
      if (referenceRow.bulletCount > 0) {
        expect(
          row?.answerRows.every((answer) => answer.label !== null),
          referenceRow.id,
        ).toBe(true);
      }
    }
    for (const [id, count] of Object.entries(reference.perBulletResponseIds ?? {})) {
      expect(rows.find((row) => row.requirementId === id)?.answerRows, id).toHaveLength(count);
    }
  });

  it('carries the reference testing methods per row and leaves out what it does not give', () => {
    for (const [index, referenceRow] of reference.rows.entries()) {
      const row = definition.rows[index];
      expect(row?.requirementId).toBe(referenceRow.id);
      expect(row?.expectedTesting, referenceRow.id).toEqual(
        referenceRow.expectedTesting.length === 0 ? undefined : referenceRow.expectedTesting,
      );
      expect(row?.officialNote === true, referenceRow.id).toBe(referenceRow.hasApplicabilityNote);
    }
  });

  it('flags the partly asked bullets', () => {
    const partial = resolved.groups
      .flatMap((group) => group.rows)
      .filter((row) => row.partialBullets)
      .map((row) => row.requirementId);

    expect(partial).toEqual(reference.partialBulletIds ?? []);
    expect(definition.partialBulletIds).toEqual(reference.partialBulletIds);
  });

  it('offers Not Tested only in SAQ D', () => {
    expect(resolved.allowedResponses.includes('not-tested')).toBe(
      shipped.referenceKey.startsWith('D-'),
    );
    expect(resolved.allowedResponses).toEqual(
      expect.arrayContaining(['in-place', 'in-place-ccw', 'not-applicable', 'not-in-place']),
    );
  });

  it('has one Part 2h statement per eligibility criterion of the facts (none for SAQ D)', () => {
    const expected = shipped.factsHeading === null ? 0 : eligibilityCount(shipped.factsHeading);

    expect(resolved.eligibility).toHaveLength(expected);
  });

  it('states its version and revision as the reference does', () => {
    expect(reference.version.startsWith(resolved.version)).toBe(true);
    const revision = /\br(\d+)\b|Revision (\d+)/.exec(reference.version);
    expect(resolved.revision).toBe(revision === null ? 0 : Number(revision[1] ?? revision[2]));
  });

  it('says the official SAQ is the authoritative text', () => {
    expect(resolved.notice).toMatch(/official PCI SSC SAQ is the authoritative text/);
    expect(resolved.provenance.library.notice).toMatch(/authoritative/);
  });
});

describe('requirement library against the reference', () => {
  const library = () => readJson('library/pci-dss-v4.0.1.json') as RequirementLibrary;

  it('lists every v4.0.1 requirement ID with the reference tree and flags', () => {
    const reference = referenceRequirements();
    const requirements = library().requirements;

    expect(requirements.map((requirement) => requirement.id)).toEqual(
      reference.map((entry) => entry.id),
    );
    for (const [index, entry] of reference.entries()) {
      const requirement = requirements[index];
      expect(
        {
          parent: requirement?.parent,
          level: requirement?.level,
          serviceProviderOnly: requirement?.serviceProviderOnly,
          appendix: requirement?.appendix ?? null,
          futureDated: requirement?.futureDated !== undefined,
        },
        entry.id,
      ).toEqual({
        parent: entry.parent,
        level: entry.level,
        serviceProviderOnly: entry.serviceProviderOnly,
        appendix: entry.appendix,
        futureDated: entry.futureDated,
      });
    }
  });

  it('uses the own-words titles: the facts table for principal requirements, the reference otherwise', () => {
    const principal = new Map(
      [...factsSection(7).matchAll(/^\|[^|]*\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|$/gm)].map((match) => [
        match[1],
        match[2],
      ]),
    );
    const reference = new Map(referenceRequirements().map((entry) => [entry.id, entry.title]));

    expect(principal.size).toBe(12);
    for (const requirement of library().requirements) {
      expect(requirement.title, requirement.id).toBe(
        principal.get(requirement.id) ?? reference.get(requirement.id),
      );
    }
  });

  it('gives every requirement a summary, and every row-level requirement guidance', () => {
    const requirements = library().requirements;

    expect(requirements.every((requirement) => requirement.summary.length > 20)).toBe(true);
    expect(
      requirements.filter(
        (requirement) => requirement.level >= 3 && requirement.guidance === undefined,
      ),
    ).toEqual([]);
    expect(new Set(requirements.map((requirement) => requirement.summary)).size).toBe(
      requirements.length,
    );
  });

  it('dates the once future-dated requirements to 31 March 2025, as history', () => {
    const dated = library().requirements.filter(
      (requirement) => requirement.futureDated !== undefined,
    );

    expect(dated.length).toBeGreaterThan(0);
    expect(dated.every((requirement) => requirement.futureDated?.until === '2025-03-31')).toBe(
      true,
    );
    expect(library().notice).toMatch(/never a reason to answer Not Applicable/);
  });
});
