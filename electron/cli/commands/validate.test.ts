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
    expect(result.out).toBe('');
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
