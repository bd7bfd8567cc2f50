// Writes shared/portable/assessment-format.schema.json, the JSON Schema of
// the portable assessment format, generated from its zod schema. Run after
// changing shared/portable/assessment-format.ts (or a schema it reuses):
//   node --import tsx electron/core/portable/json-schema.ts
// A test fails while the committed file is stale.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export function renderPortableJsonSchema(): string {
  const schema = z.toJSONSchema(portableAssessmentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // Refinements (calendar dates, file names) cannot be said in JSON Schema;
    // the app checks them on import.
    unrepresentable: 'any',
  });

  return `${JSON.stringify(
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
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(PORTABLE_JSON_SCHEMA_FILE, renderPortableJsonSchema());
  process.stdout.write('wrote shared/portable/assessment-format.schema.json\n');
}
