import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PORTABLE_JSON_SCHEMA_FILE, renderPortableJsonSchema } from './json-schema';

describe('the published JSON Schema of the portable format', () => {
  it('matches the zod schema (regenerate: node --import tsx electron/core/portable/json-schema.ts)', async () => {
    expect(readFileSync(PORTABLE_JSON_SCHEMA_FILE, 'utf8')).toBe(await renderPortableJsonSchema());
  });

  it('refuses unknown keys at every level, as the import does', () => {
    const schema = JSON.parse(readFileSync(PORTABLE_JSON_SCHEMA_FILE, 'utf8')) as {
      additionalProperties?: boolean;
      properties: { assessment: { additionalProperties?: boolean } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.assessment.additionalProperties).toBe(false);
    const text = readFileSync(PORTABLE_JSON_SCHEMA_FILE, 'utf8');
    const objects = text.match(/"type": "object"/g)?.length ?? 0;
    const closed = text.match(/"additionalProperties": false/g)?.length ?? 0;
    // Every object is closed except the Part 4 plan, a map keyed by requirement.
    expect(closed).toBeGreaterThanOrEqual(objects - 1);
  });
});
