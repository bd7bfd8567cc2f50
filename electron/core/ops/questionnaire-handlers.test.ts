import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import type { CoreContext } from '../core-context';
import type { CallContext } from '../dispatch';
import { EventHub } from '../events';
import { silentLogger } from '../log/logger';
import { vaultPaths } from '../paths';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import { questionnaireHandlers } from './questionnaire-handlers';

const dataDir = mkdtempSync(join(tmpdir(), 'pci-saq-questionnaire-ops-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const context: CoreContext = {
  door: 'cli',
  dataDir,
  vaultPaths: vaultPaths(join(dataDir, 'vault')),
  log: silentLogger,
  events: new EventHub(),
};
const call: CallContext = {
  door: 'cli',
  requestId: undefined,
  signal: new AbortController().signal,
  progress: () => undefined,
};
const handlers = questionnaireHandlers(context);

describe('questionnaire operations', () => {
  it('lists the bundled catalogue with provenance', async () => {
    const { entries } = await handlers.listQuestionnaires({}, call);

    expect(entries.map((entry) => [entry.id, entry.kind, entry.saqType, entry.official])).toEqual([
      ['pci-dss-v4.0.1', 'requirement-library', null, true],
      ['saq-a-ep-v4.0.1', 'saq', 'A-EP', true],
      ['saq-a-v4.0.1-r1', 'saq', 'A', true],
      ['saq-d-merchant-v4.0.1', 'saq', 'D-Merchant', true],
    ]);
  });

  it('gives SAQ D grouped by principal requirement, with placeholders and per-bullet rows', async () => {
    const saq = await handlers.getQuestionnaire({ id: 'saq-d-merchant-v4.0.1' }, call);
    const rows = saq.groups.flatMap((group) => group.rows);
    const byId = (id: string) => rows.find((row) => row.requirementId === id);

    expect(saq.groups.map((group) => group.principalId)).toEqual([
      ...Array.from({ length: 12 }, (_, index) => String(index + 1)),
      'A2',
    ]);
    expect(saq.groups[0]?.title).toBe(
      'Put network security controls (firewalls etc.) in place and keep them maintained',
    );
    expect(byId('12.5.2')?.answerRows.map((answer) => answer.id)).toEqual(
      Array.from({ length: 8 }, (_, index) => `12.5.2#b${index + 1}`),
    );
    expect(byId('3.3.3')).toMatchObject({ placeholder: true, answerRows: [], expectedTesting: [] });
    expect(byId('8.3.6')).toMatchObject({
      formerlyFutureDated: { until: '2025-03-31', scope: 'whole-requirement' },
      answerRows: [{ id: '8.3.6', bulletId: null, label: null }],
    });
    expect(saq.allowedResponses).toContain('not-tested');
    expect(saq.eligibility).toEqual([]);
    expect(saq.official).toBe(true);
    // The whole of SAQ D crosses in one response; keep an eye on its size.
    expect(JSON.stringify(saq).length).toBeLessThan(400_000);
  });

  it('picks up a user definition on reload, marked unofficial, and refuses a broken one', async () => {
    const userDir = join(dataDir, 'questionnaires');
    mkdirSync(userDir, { recursive: true });
    const saq = JSON.parse(
      readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, 'saq-a.json'), 'utf8'),
    ) as {
      id: string;
      rows: unknown[];
    };
    writeFileSync(join(userDir, 'edited.json'), JSON.stringify({ ...saq, id: 'edited-a' }));
    writeFileSync(
      join(userDir, 'broken.json'),
      JSON.stringify({ ...saq, id: 'broken-a', rows: [] }),
    );

    const before = await handlers.listQuestionnaires({}, call);
    const after = await handlers.listQuestionnaires({ reload: true }, call);

    expect(before.entries.some((entry) => entry.id === 'edited-a')).toBe(false);
    expect(after.entries.find((entry) => entry.id === 'edited-a')).toMatchObject({
      source: 'user',
      usable: true,
      official: false,
    });
    expect(after.entries.find((entry) => entry.id === 'broken-a')).toMatchObject({
      usable: false,
      problems: [{ file: 'broken.json', path: '$.rows', message: 'must list at least 1 item(s)' }],
    });
    expect((await handlers.getQuestionnaire({ id: 'edited-a' }, call)).official).toBe(false);
    await expect(handlers.getQuestionnaire({ id: 'broken-a' }, call)).rejects.toThrow(
      OperationError,
    );
    await expect(handlers.getQuestionnaire({ id: 'broken-a' }, call)).rejects.toMatchObject({
      code: 'DEFINITION_INVALID',
    });
  });
});
