import { answerRowId, principalRequirementOf } from './answer-row-id';
import type {
  DefinitionProvenance,
  LibraryRequirement,
  RequirementLibrary,
  ResolvedGroup,
  ResolvedQuestionnaire,
  ResolvedRequirementRow,
  SaqDefinition,
  SaqRow,
} from './types';

export interface ResolveInput {
  readonly saq: SaqDefinition;
  readonly saqProvenance: DefinitionProvenance;
  readonly library: RequirementLibrary;
  readonly libraryProvenance: DefinitionProvenance;
}

function resolveRow(
  saq: SaqDefinition,
  row: SaqRow,
  requirement: LibraryRequirement,
): ResolvedRequirementRow {
  const placeholder = row.placeholder === true;
  const bullets = new Map((requirement.bullets ?? []).map((bullet) => [bullet.id, bullet.label]));
  const answerRows = placeholder
    ? []
    : row.bulletIds === undefined
      ? [{ id: answerRowId(row.requirementId), bulletId: null, label: null }]
      : row.bulletIds.map((bulletId) => ({
          id: answerRowId(row.requirementId, bulletId),
          bulletId,
          label: bullets.get(bulletId) ?? bulletId,
        }));

  return {
    requirementId: row.requirementId,
    title: requirement.title,
    summary: requirement.summary,
    guidance: requirement.guidance ?? null,
    expectedTesting: placeholder ? [] : (row.expectedTesting ?? requirement.expectedTesting ?? []),
    notes: row.notes ?? [],
    officialNote: row.officialNote === true,
    placeholder,
    partialBullets: (saq.partialBulletIds ?? []).includes(row.requirementId),
    serviceProviderOnly: requirement.serviceProviderOnly,
    formerlyFutureDated:
      requirement.futureDated === undefined
        ? null
        : { until: requirement.futureDated.until, scope: requirement.futureDated.scope ?? null },
    answerRows,
  };
}

/**
 * Joins an SAQ with its library's text, grouped by principal requirement.
 * Expects a pair that passed checkSaq: a row whose requirement is missing
 * from the library is skipped rather than thrown on.
 */
export function resolveQuestionnaire(input: ResolveInput): ResolvedQuestionnaire {
  const { saq, library } = input;
  const requirements = new Map(
    library.requirements.map((requirement) => [requirement.id, requirement]),
  );
  const groups: { principalId: string; title: string; rows: ResolvedRequirementRow[] }[] = [];

  for (const row of saq.rows) {
    const requirement = requirements.get(row.requirementId);
    if (requirement === undefined) continue;

    const principalId = principalRequirementOf(row.requirementId);
    let group = groups.at(-1);
    if (group?.principalId !== principalId) {
      group = { principalId, title: requirements.get(principalId)?.title ?? principalId, rows: [] };
      groups.push(group);
    }
    group.rows.push(resolveRow(saq, row, requirement));
  }

  const rows = groups.flatMap((group) => group.rows);
  const official = input.saqProvenance.bundled && input.libraryProvenance.bundled;

  return {
    id: saq.id,
    saqType: saq.saqType,
    title: saq.title,
    version: saq.version,
    revision: saq.revision,
    published: saq.published,
    effectiveFrom: saq.effectiveFrom ?? null,
    notice: saq.notice,
    official,
    provenance: {
      ...input.saqProvenance,
      library: { ...input.libraryProvenance, id: library.id, notice: library.notice },
    },
    allowedResponses: saq.allowedResponses,
    eligibility: saq.eligibility,
    requirementCount: rows.filter((row) => !row.placeholder).length,
    answerRowIds: rows.flatMap((row) => row.answerRows.map((answer) => answer.id)),
    groups: groups satisfies ResolvedGroup[],
  };
}
