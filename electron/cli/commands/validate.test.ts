import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../../core/questionnaires/definition-files';
import type { CliIo } from '../command';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'pci-saq-validate-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function validate(...files: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdin: new PassThrough(),
    env: {},
  };
  const code = await runCli(['validate', ...files], io);

  return { code, out, err };
}

const bundled = (file: string) => relative(process.cwd(), join(BUNDLED_QUESTIONNAIRES_DIR, file));

function writeSaq(name: string, change: (saq: Record<string, unknown>) => void): string {
  const saq = JSON.parse(
    readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, 'saq-a-ep.json'), 'utf8'),
  ) as Record<string, unknown>;
  change(saq);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(saq));
  return path;
}

describe('pci-saq validate', () => {
  it('exits 0 and names each valid file', async () => {
    const result = await validate(bundled('saq-a-ep.json'), bundled('library/pci-dss-v4.0.1.json'));

    expect(result).toEqual({
      code: 0,
      err: '',
      out:
        `${bundled('saq-a-ep.json')}: valid SAQ A-EP "saq-a-ep-v4.0.1", identical to the bundled definition\n` +
        `${bundled('library/pci-dss-v4.0.1.json')}: valid requirement library "pci-dss-v4.0.1", identical to the bundled definition\n`,
    });
  });

  it('says what each file of the questionnaires folder is: manifest, schema, definitions', async () => {
    const files = [
      'manifest.json',
      'questionnaire.schema.json',
      'saq-a.json',
      'library/pci-dss-v4.0.1.json',
    ].map(bundled);

    expect(await validate(...files)).toEqual({
      code: 0,
      err: '',
      out:
        `${bundled('manifest.json')}: valid manifest, 4 definitions listed, each matching its file\n` +
        `${bundled('questionnaire.schema.json')}: skipped, a JSON Schema for editors (not a definition)\n` +
        `${bundled('saq-a.json')}: valid SAQ A "saq-a-v4.0.1-r1", identical to the bundled definition\n` +
        `${bundled('library/pci-dss-v4.0.1.json')}: valid requirement library "pci-dss-v4.0.1", identical to the bundled definition\n`,
    });
  });

  it('holds a manifest to its own rules: listed files present with the SHA-256 given', async () => {
    const folder = mkdtempSync(join(dir, 'folder-'));
    const saqA = readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, 'saq-a.json'));
    writeFileSync(join(folder, 'saq-a.json'), Buffer.concat([saqA, Buffer.from('\n')]));
    const manifest = join(folder, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        format: 1,
        definitions: {
          'saq-a.json': createHash('sha256').update(saqA).digest('hex'),
          'saq-gone.json': '0'.repeat(64),
          '../outside.json': '0'.repeat(64),
        },
      }),
    );
    const badShape = join(folder, 'other-manifest.json');
    writeFileSync(badShape, JSON.stringify({ format: 2, definitions: { 'x.json': 'abc' } }));

    const result = await validate(manifest, badShape, bundled('saq-a.json'));

    expect(result.code).toBe(1);
    expect(result.out).toBe(
      `${bundled('saq-a.json')}: valid SAQ A "saq-a-v4.0.1-r1", identical to the bundled definition\n`,
    );
    expect(result.err.split('\n').filter(Boolean)).toEqual([
      `${manifest}:$.definitions["saq-a.json"]: the file’s SHA-256 differs from the one listed, so it loads as unofficial`,
      `${manifest}:$.definitions["saq-gone.json"]: cannot read the file (ENOENT)`,
      `${manifest}:$.definitions["../outside.json"]: must name a file inside this folder`,
      `${badShape}:$.format: Invalid input: expected 1`,
      `${badShape}:$.definitions["x.json"]: Invalid string: must match pattern /^[0-9a-f]{64}$/`,
    ]);
  });

  it('exits 1 with one FILE:PATH: MESSAGE line per problem', async () => {
    const edited = writeSaq('edited.json', (saq) => {
      saq['id'] = 'edited';
    });
    const broken = writeSaq('broken.json', (saq) => {
      saq['id'] = 'broken';
      saq['revision'] = '0';
      (saq['rows'] as { requirementId: string }[])[0]!.requirementId = '1.1.9';
    });

    const result = await validate(edited, broken);

    expect(result.code).toBe(1);
    expect(result.out).toBe(`${edited}: valid SAQ A-EP "edited"\n`);
    expect(result.err.split('\n').filter(Boolean)).toEqual([
      `${broken}:$.revision: Invalid input: expected number, received string`,
    ]);
  });

  it('checks an SAQ against the library given beside it', async () => {
    const library = JSON.parse(
      readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, 'library/pci-dss-v4.0.1.json'), 'utf8'),
    ) as { id: string; requirements: { id: string; bullets?: unknown[] }[] };
    library.id = 'my-library';
    const withBullets = library.requirements.find((requirement) => requirement.id === '6.4.3')!;
    delete withBullets.bullets;
    const libraryPath = join(dir, 'library.json');
    writeFileSync(libraryPath, JSON.stringify(library));
    let row = -1;
    const saq = writeSaq('against-mine.json', (definition) => {
      definition['id'] = 'against-mine';
      definition['library'] = 'my-library';
      row = (definition['rows'] as { requirementId: string }[]).findIndex(
        (candidate) => candidate.requirementId === '6.4.3',
      );
    });

    const result = await validate(saq, libraryPath);

    expect(result.code).toBe(1);
    expect(result.err.split('\n').filter(Boolean)).toEqual(
      [0, 1, 2].map(
        (index) =>
          `${saq}:$.rows[${row}].bulletIds[${index}]: requirement "6.4.3" has no bullets in library "my-library"`,
      ),
    );
  });

  it('reports an unreadable file and still exits 1', async () => {
    const missing = join(dir, 'missing.json');

    expect(await validate(missing)).toEqual({
      code: 1,
      out: '',
      err: `${missing}:$: cannot read the file (ENOENT)\n`,
    });
  });

  it('is a usage error without files or with an unknown option', async () => {
    expect((await validate()).code).toBe(2);
    expect(await validate('--strict', 'x.json')).toMatchObject({
      code: 2,
      err: 'pci-saq validate: unknown option "--strict"\n',
    });
  });
});
