import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Boundary lint rules can fail silently (a mistyped zone or a plugin that
 * stops resolving imports lints everything clean). Each committed fixture
 * breaks one rule on purpose and names the rule it expects to fire.
 */

const root = join(import.meta.dirname, '..');
const fixtures = [
  'renderer/lint-fixtures/imports-core.ts',
  'renderer/lint-fixtures/imports-electron.ts',
  'renderer/lint-fixtures/imports-node.ts',
  'renderer/lint-fixtures/uses-console.ts',
  'shared/lint-fixtures/imports-core.ts',
  'electron/core/lint-fixtures/imports-electron.ts',
  'electron/core/lint-fixtures/imports-main.ts',
  'electron/preload/lint-fixtures/imports-core.ts',
  'electron/host/lint-fixtures/creates-window.ts',
];

function expectedRules(file: string): string[] {
  return [...readFileSync(join(root, file), 'utf8').matchAll(/^\/\/ expect: (\S+)$/gm)].map(
    (match) => match[1] ?? '',
  );
}

describe('import boundaries', () => {
  const eslint = new ESLint({ cwd: root, ignore: false });
  const results = eslint.lintFiles(fixtures.map((file) => join(root, file)));

  it.each(fixtures)('%s is reported', async (file) => {
    const result = (await results).find((candidate) => relative(root, candidate.filePath) === file);
    const fired = new Set(
      result?.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`),
    );

    expect(expectedRules(file).length).toBeGreaterThan(0);
    for (const rule of expectedRules(file)) expect([...fired]).toContain(rule);
  });

  it('the real tree has no fixture-like import in it', async () => {
    const result = await new ESLint({ cwd: root }).lintFiles([
      join(root, 'renderer/src'),
      join(root, 'shared/api'),
    ]);
    const boundaryErrors = result.flatMap((file) =>
      file.messages.filter((message) => message.ruleId?.includes('restricted') === true),
    );
    expect(boundaryErrors).toEqual([]);
  });
});
