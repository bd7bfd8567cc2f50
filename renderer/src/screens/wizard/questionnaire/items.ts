import type {
  ResolvedGroup,
  ResolvedQuestionnaire,
  ResolvedRequirementRow,
} from '../../../../../shared/questionnaire/types';

/**
 * One line of the questionnaire list: an answer row (a requirement, or one
 * bullet of it), or a placeholder requirement shown without a response.
 */
export interface QuestionnaireItem {
  /** The answer row id, or the requirement ID of a placeholder. */
  readonly key: string;
  readonly answerRowId: string | null;
  readonly requirement: ResolvedRequirementRow;
  readonly group: ResolvedGroup;
  readonly bulletLabel: string | null;
}

/** The questionnaire flattened in order, built once per definition. */
export function questionnaireItems(questionnaire: ResolvedQuestionnaire): QuestionnaireItem[] {
  const items: QuestionnaireItem[] = [];

  for (const group of questionnaire.groups) {
    for (const requirement of group.rows) {
      if (requirement.placeholder || requirement.answerRows.length === 0) {
        items.push({
          key: requirement.requirementId,
          answerRowId: null,
          requirement,
          group,
          bulletLabel: null,
        });
        continue;
      }
      for (const answerRow of requirement.answerRows) {
        items.push({
          key: answerRow.id,
          answerRowId: answerRow.id,
          requirement,
          group,
          bulletLabel: answerRow.label,
        });
      }
    }
  }

  return items;
}

const cache = new WeakMap<ResolvedQuestionnaire, QuestionnaireItem[]>();

export function cachedItems(questionnaire: ResolvedQuestionnaire): QuestionnaireItem[] {
  let items = cache.get(questionnaire);
  if (items === undefined) {
    items = questionnaireItems(questionnaire);
    cache.set(questionnaire, items);
  }
  return items;
}
