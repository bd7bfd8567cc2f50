// Writes shared/portable/assessment-format.schema.json, the JSON Schema of
// the portable assessment format, generated from its zod schema. Run after
// changing shared/portable/assessment-format.ts (or a schema it reuses):
//   node --import tsx electron/core/portable/json-schema.ts
// A test fails while the committed file is stale.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import {
  PORTABLE_FORMAT,
  PORTABLE_FORMAT_VERSION,
  portableAssessmentSchema,
} from '../../../shared/portable/assessment-format';

export const PORTABLE_JSON_SCHEMA_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'portable',
  'assessment-format.schema.json',
);

/** The schema as committed: formatted the way `prettier --check` expects it. */
export async function renderPortableJsonSchema(): Promise<string> {
  const schema = z.toJSONSchema(portableAssessmentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // Refinements (calendar dates, file names) cannot be said in JSON Schema;
    // the app checks them on import.
    unrepresentable: 'any',
  });

  const text = `${JSON.stringify(
    {
      ...schema,
      title: `PCI SAQ Assistant portable assessment (${PORTABLE_FORMAT} v${String(PORTABLE_FORMAT_VERSION)})`,
      description:
        'Generated from shared/portable/assessment-format.ts; do not edit by hand. ' +
        'See docs/portable-format.md. The app also checks what a JSON Schema cannot: ' +
        'calendar dates, the questionnaire and its rows, card data in any text.',
    },
    null,
    2,
  )}\n`;
  const options = (await resolveConfig(PORTABLE_JSON_SCHEMA_FILE)) ?? {};
  return format(text, { ...options, parser: 'json' });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(PORTABLE_JSON_SCHEMA_FILE, await renderPortableJsonSchema());
  process.stdout.write('wrote shared/portable/assessment-format.schema.json\n');
}
