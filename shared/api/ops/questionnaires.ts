import { z } from 'zod';
import { DEFINITION_ID_PATTERN } from '../../questionnaire/schema';
import type { CatalogueEntry, ResolvedQuestionnaire } from '../../questionnaire/types';
import { operation } from '../operation';

/** Every definition the app found: bundled and user-supplied, usable or not. */
export interface QuestionnaireCatalogue {
  readonly entries: readonly CatalogueEntry[];
}

export const questionnaireOperations = {
  /** `reload` reads the folders again, e.g. after the user added a definition. */
  listQuestionnaires: operation<QuestionnaireCatalogue>()(
    z.object({ reload: z.boolean().optional() }).strict(),
  ),
  /** One SAQ joined with its library text; DEFINITION_INVALID when it is listed but unusable. */
  getQuestionnaire: operation<ResolvedQuestionnaire>()(
    z.object({ id: z.string().regex(DEFINITION_ID_PATTERN) }).strict(),
  ),
};
