// Writes questionnaires/questionnaire.schema.json (the JSON Schema of the
// definition format, generated from the zod schema) and
// questionnaires/manifest.json (the SHA-256 of each bundled definition).
// Run after changing the schema or any bundled definition:
//   node --import tsx scripts/generate-questionnaire-schema.ts
// A test fails while either committed file is stale.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  BUNDLED_QUESTIONNAIRES_DIR,
  MANIFEST_FILE,
  SCHEMA_FILE,
  buildManifest,
  readDefinitionFolder,
  renderManifest,
} from '../electron/core/questionnaires/definition-files';
import { questionnaireDefinitionSchema } from '../shared/questionnaire/schema';

export function renderQuestionnaireJsonSchema(): string {
  const schema = z.toJSONSchema(questionnaireDefinitionSchema, {
    target: 'draft-2020-12',
    io: 'input',
  });

  return `${JSON.stringify(
    {
      ...schema,
      title: 'PCI SAQ Assistant questionnaire definition',
      description:
        'Generated from shared/questionnaire/schema.ts; do not edit by hand. ' +
        'The app also checks what a JSON Schema cannot: order, duplicates and references.',
    },
    null,
    2,
  )}\n`;
}

export async function renderBundledManifest(
  dir: string = BUNDLED_QUESTIONNAIRES_DIR,
): Promise<string> {
  return renderManifest(buildManifest(await readDefinitionFolder(dir, 'bundled')));
}

async function main(): Promise<void> {
  await writeFile(join(BUNDLED_QUESTIONNAIRES_DIR, SCHEMA_FILE), renderQuestionnaireJsonSchema());
  await writeFile(join(BUNDLED_QUESTIONNAIRES_DIR, MANIFEST_FILE), await renderBundledManifest());
  process.stdout.write(`wrote questionnaires/${SCHEMA_FILE} and questionnaires/${MANIFEST_FILE}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
