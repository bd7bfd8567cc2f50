import { join } from 'node:path';
import type { questionnaireOperations } from '../../../shared/api/ops/questionnaires';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { loadCatalogue, type Catalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';

export interface QuestionnaireFolders {
  /** Defaults to the questionnaires/ folder shipped with the app. */
  readonly bundledDir?: string;
  /** Defaults to `questionnaires` inside the data folder; it may not exist. */
  readonly userDir?: string;
}

export function questionnaireHandlers(
  context: CoreContext,
  folders: QuestionnaireFolders = {},
): HandlersFor<typeof questionnaireOperations> {
  const log = context.log.child('questionnaires');
  let loading: Promise<Catalogue> | null = null;

  // Loaded once on first use and kept: definitions change only when the user
  // asks for a reload. A failed load is not cached, so the next call retries.
  const catalogue = (reload = false): Promise<Catalogue> => {
    if (loading === null || reload) {
      const attempt = loadCatalogue({
        bundledDir: folders.bundledDir ?? BUNDLED_QUESTIONNAIRES_DIR,
        userDir: folders.userDir ?? join(context.dataDir, 'questionnaires'),
        log,
      });
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  };

  return {
    listQuestionnaires: async ({ reload }) => ({
      entries: (await catalogue(reload === true)).entries,
    }),
    getQuestionnaire: async ({ id }) => (await catalogue()).resolve(id),
  };
}
