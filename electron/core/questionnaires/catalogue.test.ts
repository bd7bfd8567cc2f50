import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import type {
  CatalogueEntry,
  RequirementLibrary,
  SaqDefinition,
} from '../../../shared/questionnaire/types';
import { silentLogger } from '../log/logger';
import { loadCatalogue } from './catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR, MAX_DEFINITION_BYTES } from './definition-files';

function bundledSaq(file: string): SaqDefinition {
  return JSON.parse(readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, file), 'utf8')) as SaqDefinition;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pci-saq-questionnaires-'));
  tempDirs.push(dir);
  return dir;
}

/** A user folder holding the given files, loaded next to the real bundled folder. */
async function loadWithUserFiles(files: Record<string, string | Uint8Array>) {
  const userDir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(userDir, name), content);

  return loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, userDir, log: silentLogger });
}

function entryFor(entries: readonly CatalogueEntry[], file: string): CatalogueEntry {
  const entry = entries.find((candidate) => candidate.file === file && candidate.source === 'user');
  if (entry === undefined) throw new Error(`no entry for ${file}`);
  return entry;
}

/** SAQ A under a new id, with a change applied: a user-supplied definition. */
function userSaq(change: (saq: SaqDefinition) => void): string {
  const saq = bundledSaq('saq-a.json');
  saq.id = 'my-saq-a';
  change(saq);
  return JSON.stringify(saq, null, 2);
}

function thrown(action: () => unknown): OperationError {
  try {
    action();
  } catch (error) {
    if (error instanceof OperationError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('questionnaire catalogue', () => {
  it('loads a valid user definition as usable but unofficial', async () => {
    const catalogue = await loadWithUserFiles({ 'mine.json': userSaq(() => undefined) });
    const entry = entryFor(catalogue.entries, 'mine.json');

    expect(entry).toMatchObject({ id: 'my-saq-a', usable: true, bundled: false, official: false });
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogue.resolve('my-saq-a')).toMatchObject({ official: false, requirementCount: 27 });
    expect(catalogue.resolve('saq-a-v4.0.1-r1').official).toBe(true);
  });

  it('marks an edited bundled definition unofficial, and SAQs resolved against an edited library too', async () => {
    const bundledDir = tempDir();
    cpSync(BUNDLED_QUESTIONNAIRES_DIR, bundledDir, { recursive: true });
    const libraryPath = join(bundledDir, 'library', 'pci-dss-v4.0.1.json');
    writeFileSync(
      libraryPath,
      readFileSync(libraryPath, 'utf8').replace('Card numbers are masked', 'PANs are masked'),
    );

    const catalogue = await loadCatalogue({ bundledDir, log: silentLogger });
    const byId = (id: string) => catalogue.entries.find((entry) => entry.id === id);

    expect(byId('pci-dss-v4.0.1')).toMatchObject({ usable: true, bundled: false, official: false });
    expect(byId('saq-d-merchant-v4.0.1')).toMatchObject({
      usable: true,
      bundled: true,
      official: false,
    });
    expect(catalogue.resolve('saq-d-merchant-v4.0.1')).toMatchObject({
      official: false,
      provenance: { bundled: true, library: { bundled: false } },
    });
  });

  it('treats every bundled file as unofficial when the manifest is missing', async () => {
    const bundledDir = tempDir();
    cpSync(BUNDLED_QUESTIONNAIRES_DIR, bundledDir, { recursive: true });
    writeFileSync(join(bundledDir, 'manifest.json'), 'not json');

    const catalogue = await loadCatalogue({ bundledDir, log: silentLogger });

    expect(catalogue.entries.every((entry) => entry.usable && !entry.official)).toBe(true);
  });

  it('lists broken files as unusable with file, JSON path and message, and loads the rest', async () => {
    const catalogue = await loadWithUserFiles({
      'unknown-id.json': userSaq((saq) => {
        saq.rows.splice(3, 0, { requirementId: '6.3.4' });
      }),
      'duplicate.json': userSaq((saq) => {
        saq.id = 'dup';
        saq.rows.push({ ...saq.rows[26]! });
      }),
      'missing.json': userSaq((saq) => {
        saq.id = 'missing';
        delete (saq as Partial<SaqDefinition>).allowedResponses;
      }),
      'wrong-type.json': userSaq((saq) => {
        saq.id = 'wrong-type';
        (saq as unknown as { revision: string }).revision = 'one';
      }),
      'dangling-bullet.json': userSaq((saq) => {
        saq.id = 'dangling';
        saq.rows[0] = { requirementId: '2.2.2', bulletIds: ['b1', 'b2'] };
      }),
      'dangling-partial.json': userSaq((saq) => {
        saq.id = 'dangling-partial';
        saq.partialBulletIds = ['4.2.1'];
      }),
      'order.json': userSaq((saq) => {
        saq.id = 'order';
        saq.rows.reverse();
      }),
      'no-library.json': userSaq((saq) => {
        saq.id = 'no-library';
        saq.library = 'pci-dss-v9';
      }),
      'not-tested.json': userSaq((saq) => {
        saq.id = 'not-tested';
        saq.allowedResponses = [...saq.allowedResponses, 'not-tested'];
      }),
      'same-id.json': userSaq((saq) => {
        saq.id = 'saq-a-v4.0.1-r1';
      }),
      'not-json.json': '{"kind": "saq",',
      'not-utf8.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      'array.json': '[]',
    });
    const problems = (file: string) =>
      entryFor(catalogue.entries, file).problems.map(
        (problem) => `${problem.file}:${problem.path}: ${problem.message}`,
      );

    expect(problems('unknown-id.json')).toEqual([
      'unknown-id.json:$.rows[3].requirementId: unknown requirement "6.3.4" in library "pci-dss-v4.0.1"',
    ]);
    expect(problems('duplicate.json')).toEqual([
      'duplicate.json:$.rows[27].requirementId: duplicate row "12.10.1" (first at rows[26])',
    ]);
    expect(problems('missing.json')).toEqual([
      'missing.json:$.allowedResponses: missing required field (array)',
    ]);
    expect(problems('wrong-type.json')).toEqual([
      'wrong-type.json:$.revision: Invalid input: expected number, received string',
    ]);
    expect(problems('dangling-bullet.json')).toEqual([
      'dangling-bullet.json:$.rows[0].bulletIds[0]: requirement "2.2.2" has no bullets in library "pci-dss-v4.0.1"',
      'dangling-bullet.json:$.rows[0].bulletIds[1]: requirement "2.2.2" has no bullets in library "pci-dss-v4.0.1"',
    ]);
    expect(problems('dangling-partial.json')).toEqual([
      'dangling-partial.json:$.partialBulletIds[0]: "4.2.1" is not a row of this SAQ',
    ]);
    expect(problems('order.json')[0]).toBe(
      'order.json:$.rows[1].requirementId: "12.8.5" must come before "12.10.1" (library order)',
    );
    expect(problems('no-library.json')).toEqual([
      'no-library.json:$.library: no usable requirement library "pci-dss-v9"',
    ]);
    expect(problems('not-tested.json')).toEqual([
      'not-tested.json:$.allowedResponses[4]: only SAQ D allows "not-tested"',
    ]);
    expect(problems('same-id.json')).toEqual([
      'same-id.json:$.id: id "saq-a-v4.0.1-r1" is already used by bundled file saq-a.json',
    ]);
    expect(problems('not-json.json')[0]).toMatch(/^not-json\.json:\$: not valid JSON: /);
    expect(problems('not-utf8.json')).toEqual(['not-utf8.json:$: not UTF-8 text']);
    expect(problems('array.json')).toEqual(['array.json:$: must be a JSON object']);

    const broken = catalogue.entries.filter((entry) => entry.source === 'user');
    expect(broken.every((entry) => !entry.usable && !entry.official)).toBe(true);
    expect(
      catalogue.entries.filter((entry) => entry.source === 'bundled' && entry.usable),
    ).toHaveLength(4);
  });

  it("checks a library's tree: duplicates, parents, levels and bullet numbering", async () => {
    const library = JSON.parse(
      readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, 'library', 'pci-dss-v4.0.1.json'), 'utf8'),
    ) as RequirementLibrary;
    library.id = 'my-library';
    const at = (id: string) =>
      library.requirements.findIndex((requirement) => requirement.id === id);
    library.requirements[at('1.2.1')]!.level = 4;
    library.requirements[at('1.2.2')]!.parent = '1.9';
    library.requirements[at('4.2.1')]!.bullets![1]!.id = 'b7';
    const duplicateAt = at('2.1');
    library.requirements.splice(duplicateAt, 0, { ...library.requirements[at('1.1.1')]! });

    const catalogue = await loadWithUserFiles({ 'library.json': JSON.stringify(library) });

    expect(
      entryFor(catalogue.entries, 'library.json').problems.map(
        (problem) => `${problem.path}: ${problem.message}`,
      ),
    ).toEqual([
      '$.requirements[5].level: must be 3, one below its parent "1.2"',
      '$.requirements[6].parent: parent "1.9" is not a requirement listed before it',
      '$.requirements[6].id: "1.2.2" does not sit under its parent "1.9"',
      `$.requirements[${duplicateAt}].id: duplicate requirement "1.1.1" (first at requirements[2])`,
      `$.requirements[${at('4.2.1')}].bullets[1].id: must be "b2" (bullets are numbered in order)`,
    ]);
  });

  it('checks placeholders, partly asked bullets and eligibility ids of an SAQ', async () => {
    const catalogue = await loadWithUserFiles({
      'saq.json': userSaq((saq) => {
        saq.rows[0] = { requirementId: '2.2.2', placeholder: true, expectedTesting: ['examine'] };
        saq.partialBulletIds = ['2.2.2', '6.3.1', '6.3.1'];
        saq.eligibility.push({ ...saq.eligibility[0]! });
      }),
    });

    expect(
      entryFor(catalogue.entries, 'saq.json').problems.map(
        (problem) => `${problem.path}: ${problem.message}`,
      ),
    ).toEqual([
      '$.rows[0].expectedTesting: a placeholder row is not tested',
      '$.partialBulletIds[0]: "2.2.2" is a placeholder row',
      '$.partialBulletIds: "6.3.1" listed twice',
      '$.eligibility: statement id "card-not-present-only" listed twice',
    ]);
  });

  it('keeps what a broken file says about itself for the list', async () => {
    const catalogue = await loadWithUserFiles({
      'missing.json': userSaq((saq) => {
        saq.id = 'half';
        delete (saq as Partial<SaqDefinition>).notice;
      }),
    });

    expect(entryFor(catalogue.entries, 'missing.json')).toMatchObject({
      id: 'half',
      kind: 'saq',
      saqType: 'A',
      version: '4.0.1',
      revision: 1,
      usable: false,
    });
  });

  it('refuses an oversized file without reading it into the catalogue', async () => {
    const catalogue = await loadWithUserFiles({
      'huge.json': ' '.repeat(MAX_DEFINITION_BYTES + 1),
    });

    expect(entryFor(catalogue.entries, 'huge.json').problems).toEqual([
      { file: 'huge.json', path: '$', message: 'file is larger than 4 MB' },
    ]);
  });

  it('reads definitions one folder down and ignores the manifest and schema files', async () => {
    const userDir = tempDir();
    mkdirSync(join(userDir, 'nested'));
    writeFileSync(
      join(userDir, 'nested', 'mine.json'),
      userSaq(() => undefined),
    );
    writeFileSync(join(userDir, 'manifest.json'), '{}');
    writeFileSync(join(userDir, 'x.schema.json'), '{}');

    const catalogue = await loadCatalogue({
      bundledDir: BUNDLED_QUESTIONNAIRES_DIR,
      userDir,
      log: silentLogger,
    });

    expect(
      catalogue.entries.filter((entry) => entry.source === 'user').map((entry) => entry.file),
    ).toEqual(['nested/mine.json']);
  });

  it('answers NOT_FOUND for an unknown id and DEFINITION_INVALID for an unusable one', async () => {
    const catalogue = await loadWithUserFiles({
      'bad.json': userSaq((saq) => {
        saq.rows = [{ requirementId: '12.10.1', placeholder: true }];
      }),
    });

    expect(thrown(() => catalogue.resolve('nope')).code).toBe('NOT_FOUND');
    expect(thrown(() => catalogue.resolve('pci-dss-v4.0.1')).code).toBe('NOT_FOUND');
    expect(thrown(() => catalogue.resolve('my-saq-a'))).toMatchObject({
      code: 'DEFINITION_INVALID',
      path: '$.rows',
    });
  });
});
