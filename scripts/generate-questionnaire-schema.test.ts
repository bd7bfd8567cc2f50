import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_QUESTIONNAIRES_DIR,
  MANIFEST_FILE,
  SCHEMA_FILE,
} from '../electron/core/questionnaires/definition-files';
import {
  renderBundledManifest,
  renderQuestionnaireJsonSchema,
} from './generate-questionnaire-schema';

const REGENERATE = 'run: node --import tsx scripts/generate-questionnaire-schema.ts';

describe('generated questionnaire files', () => {
  it('the committed JSON Schema matches the zod schema', () => {
    const committed = readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, SCHEMA_FILE), 'utf8');

    expect(committed, `questionnaires/${SCHEMA_FILE} is stale; ${REGENERATE}`).toBe(
      renderQuestionnaireJsonSchema(),
    );
  });

  it('the committed manifest records the SHA-256 of every bundled definition', async () => {
    const committed = readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, MANIFEST_FILE), 'utf8');

    expect(committed, `questionnaires/${MANIFEST_FILE} is stale; ${REGENERATE}`).toBe(
      await renderBundledManifest(),
    );
  });
});
