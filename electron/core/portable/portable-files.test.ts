import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../../shared/api/result';
import type { PortableAssessment } from '../../../shared/portable/assessment-format';
import { AssessmentService } from '../assessments/assessment-service';
import { createEvidenceService } from '../evidence/evidence-service';
import { silentLogger } from '../log/logger';
import { loadCatalogue, type Catalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import {
  CHEAP_SCRYPT,
  TEST_PASSPHRASE,
  temporaryVault,
  type TemporaryVault,
} from '../vault/testing';
import { BundleWriter, DOCUMENT_ENTRY } from './bundle';
import { exportPortable, importPortable, type PortableContext } from './portable-files';
import { ImportRefused } from './problems';
import { buildSampleDocument } from './sample-document';

const BUNDLE_PASSPHRASE = 'a different bundle passphrase';

let folder: string;
let catalogue: Catalogue;
let sample: PortableAssessment;
let source: TemporaryVault;
let target: TemporaryVault;
let sourceContext: PortableContext;
let targetContext: PortableContext;
let sourceAssessmentId: string;
let bundlePath: string;
const contents = {
  scan: randomBytes(2_500_000 + 17),
  policy: Buffer.from('Information security policy\nReviewed every year.\n', 'utf8'),
};
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const contextOf = (vault: TemporaryVault): PortableContext => ({
  vault: vault.service,
  resolve: (id) => catalogue.resolve(id),
  door: 'cli',
  log: silentLogger,
});

function write(name: string, text: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  yield bytes;
}

const problemsOf = (error: OperationError) =>
  error instanceof ImportRefused ? error.problems : [];

async function refusal(promise: Promise<unknown>): Promise<OperationError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof OperationError))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** What the target vault holds: assessments, evidence items and contents of any state. */
function targetCounts() {
  return target.service.session().read((database) => ({
    assessments: database.prepare('SELECT count(*) AS n FROM assessments').pluck().get(),
    items: database.prepare('SELECT count(*) AS n FROM evidence_items').pluck().get(),
    contents: database.prepare('SELECT count(*) AS n FROM evidence_contents').pluck().get(),
    chunks: database.prepare('SELECT count(*) AS n FROM evidence_chunks').pluck().get(),
  }));
}

const importJson = (document: unknown) =>
  importPortable(targetContext, {
    file: write(`doc-${randomBytes(4).toString('hex')}.json`, JSON.stringify(document)),
    bundlePassphrase: () => Promise.reject(new Error('not a bundle')),
  });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pci-saq-portable-'));
  catalogue = await loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log: silentLogger });
  sample = await buildSampleDocument(silentLogger);

  source = temporaryVault({ prefix: 'pci-saq-portable-source-' });
  target = temporaryVault({ prefix: 'pci-saq-portable-target-' });
  await source.service.create(TEST_PASSPHRASE);
  await target.service.create(TEST_PASSPHRASE);
  sourceContext = contextOf(source);
  targetContext = contextOf(target);

  // The sample with two evidence files linked, one of them larger than a
  // vault chunk and many bundle records.
  sourceAssessmentId = (
    await importPortable(sourceContext, {
      file: write('sample.json', JSON.stringify(sample)),
      bundlePassphrase: () => Promise.reject(new Error('not a bundle')),
    })
  ).assessmentId;
  const evidence = createEvidenceService(source.service, { door: 'cli', log: silentLogger });
  const scan = await evidence.importEvidence(once(contents.scan), {
    title: 'Quarterly ASV scan',
    fileName: 'asv-scan-q3.bin',
    kind: 'asv-scan',
    effectiveOn: '2026-10-15',
  });
  const policy = await evidence.importEvidence(once(contents.policy), {
    title: 'Security policy',
    fileName: 'policy.txt',
    mediaType: 'text/plain',
    kind: 'policy',
  });
  evidence.store().link(scan.item.id, sourceAssessmentId, '11.3.2');
  evidence.store().link(policy.item.id, sourceAssessmentId, '12.8.1');
  // An import arrives unsigned: the person in the source vault types the
  // signature and signs, as on the attestation screen.
  const attestation = sample.assessment.attestation;
  if (attestation === null) throw new Error('sample without attestation');
  const assessments = new AssessmentService({
    vault: source.service,
    catalogue: () => Promise.resolve(catalogue),
    door: 'cli',
    log: silentLogger,
  });
  await assessments.saveAttestation({
    assessmentId: sourceAssessmentId,
    attestation: {
      ...attestation,
      signer: {
        ...attestation.signer,
        signature: { kind: 'typed', text: attestation.signer.name },
      },
    },
  });
  await assessments.signAssessment({ assessmentId: sourceAssessmentId });

  bundlePath = join(folder, 'export.pcisaq');
  await exportPortable(sourceContext, {
    assessmentId: sourceAssessmentId,
    target: bundlePath,
    format: 'bundle',
    passphrase: BUNDLE_PASSPHRASE,
    scrypt: CHEAP_SCRYPT,
  });
  await exportPortable(sourceContext, {
    assessmentId: sourceAssessmentId,
    target: join(folder, 'original.json'),
    format: 'json',
  });
}, 60_000);

afterAll(async () => {
  await source.remove();
  await target.remove();
  rmSync(folder, { recursive: true, force: true });
});

describe('the encrypted bundle', () => {
  it('holds nothing readable: neither the merchant name nor the policy text', () => {
    const bytes = readFileSync(bundlePath);
    expect(bytes.includes(Buffer.from(sample.assessment.merchant.companyName))).toBe(false);
    expect(bytes.includes(Buffer.from('Information security policy'))).toBe(false);
  });

  it('refuses a wrong passphrase and imports nothing', async () => {
    const error = await refusal(
      importPortable(targetContext, {
        file: bundlePath,
        bundlePassphrase: () => Promise.resolve('not the passphrase'),
      }),
    );
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(targetCounts()).toMatchObject({ assessments: 0, contents: 0, chunks: 0 });
  });

  it.each([
    [
      'a flipped byte in the evidence records',
      (bytes: Buffer) => flipped(bytes, Math.floor(bytes.length * 0.6)),
    ],
    [
      'a flipped byte in the header',
      (bytes: Buffer) => flipped(bytes, bytes.indexOf(Buffer.from('"recordBytes"')) + 16),
    ],
    ['bytes appended', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from('extra')])],
    ['the last record cut off', (bytes: Buffer) => bytes.subarray(0, bytes.length - 40)],
  ])('refuses %s, leaving no staged content behind', async (_name, tamper) => {
    const bytes = Buffer.from(readFileSync(bundlePath));
    const tampered = tamper(bytes);
    const path = write(`tampered-${randomBytes(4).toString('hex')}.pcisaq`, tampered);

    const error = await refusal(
      importPortable(targetContext, {
        file: path,
        bundlePassphrase: () => Promise.resolve(BUNDLE_PASSPHRASE),
      }),
    );
    expect(error.message).toMatch(/damaged or was altered|bundle passphrase is wrong/);
    expect(targetCounts()).toMatchObject({ assessments: 0, contents: 0, chunks: 0 });
  });

  it('refuses an entry that climbs out of the bundle, and an unlisted file', async () => {
    const json = Buffer.from(JSON.stringify(sample));
    for (const [name, expected] of [
      ['../evidence/escape', /climbs out/],
      ['/etc/evidence', /absolute path/],
      [`evidence/${'0'.repeat(64)}`, /does not list/],
    ] as const) {
      const path = join(folder, `crafted-${randomBytes(4).toString('hex')}.pcisaq`);
      const handle = await open(path, 'wx');
      const writer = await BundleWriter.start(handle, BUNDLE_PASSPHRASE, { scrypt: CHEAP_SCRYPT });
      await writer.addFile(DOCUMENT_ENTRY, json.length, [json]);
      await writer.addFile(name, 4, [Buffer.from('evil')]);
      await writer.end();
      await handle.close();

      const error = await refusal(
        importPortable(targetContext, {
          file: path,
          bundlePassphrase: () => Promise.resolve(BUNDLE_PASSPHRASE),
        }),
      );
      expect(error.message).toMatch(expected);
    }
    expect(targetCounts()).toMatchObject({ assessments: 0, contents: 0, chunks: 0 });
  });

  it('refuses an evidence file whose text holds a card number, dropping what was staged', async () => {
    const text = Buffer.from('Refund log\n2026-03-02 card 4111 1111 1111 1111 refunded\n', 'utf8');
    const document: PortableAssessment = {
      ...sample,
      evidence: [
        {
          file: `evidence/${sha(text)}`,
          sha256: sha(text),
          sizeBytes: text.length,
          title: 'Refund log',
          description: '',
          fileName: 'refunds.txt',
          mediaType: 'text/plain',
          kind: 'other',
          effectiveOn: null,
          expiresOn: null,
          rows: ['12.8.1'],
        },
      ],
    };
    const json = Buffer.from(JSON.stringify(document));
    const path = join(folder, 'card-data.pcisaq');
    const handle = await open(path, 'wx');
    const writer = await BundleWriter.start(handle, BUNDLE_PASSPHRASE, { scrypt: CHEAP_SCRYPT });
    await writer.addFile(DOCUMENT_ENTRY, json.length, [json]);
    await writer.addFile(`evidence/${sha(text)}`, text.length, [text]);
    await writer.end();
    await handle.close();

    const error = await refusal(
      importPortable(targetContext, {
        file: path,
        bundlePassphrase: () => Promise.resolve(BUNDLE_PASSPHRASE),
      }),
    );
    expect(error.code).toBe('CARD_DATA_DETECTED');
    expect(error.path).toBe('$.evidence[0]');
    expect(error.message).not.toContain('4111');
    expect(targetCounts()).toMatchObject({ assessments: 0, contents: 0, chunks: 0 });
  });

  it('round-trips the assessment and its evidence files byte for byte', async () => {
    const imported = await importPortable(targetContext, {
      file: bundlePath,
      bundlePassphrase: () => Promise.resolve(BUNDLE_PASSPHRASE),
    });
    // Signed in the source vault, it arrives here as a draft: the signing is
    // only reported, and recorded in the import's audit entry.
    expect(imported).toMatchObject({
      format: 'bundle',
      evidence: 2,
      sourceSigning: { signerName: sample.assessment.attestation?.signer.name },
    });
    expect(Date.parse(imported.sourceSigning?.signedAt ?? '')).not.toBeNaN();
    const audited = target.service
      .session()
      .read((database) =>
        database
          .prepare<[string], { action: string; summary: string }>(
            'SELECT action, summary FROM audit_entries WHERE subject = ? ORDER BY seq',
          )
          .all(`assessment:${imported.assessmentId}`),
      );
    expect(audited.map((entry) => entry.action)).not.toContain('assessment.signed');
    expect(audited.find((entry) => entry.action === 'assessment.imported')?.summary).toContain(
      `signed in the source vault at ${imported.sourceSigning?.signedAt ?? ''}`,
    );
    expect(imported.answers).toBe(sample.assessment.answers.length);

    const store = createEvidenceService(target.service, { door: 'cli', log: silentLogger }).store();
    const items = store.list({ assessmentId: imported.assessmentId });
    const byTitle = new Map(items.map((item) => [item.title, item]));
    for (const [title, bytes, rowId] of [
      ['Quarterly ASV scan', contents.scan, '11.3.2'],
      ['Security policy', contents.policy, '12.8.1'],
    ] as const) {
      const item = byTitle.get(title);
      expect(item?.sha256).toBe(sha(bytes));
      expect(item?.links.map((link) => link.rowId)).toEqual([rowId]);
      const read: Buffer[] = [];
      for await (const piece of store.readContent(item?.id ?? '')) read.push(piece);
      expect(sha(Buffer.concat(read))).toBe(sha(bytes));
    }

    // Exported again from the target, the document says the same as the source's.
    const again = join(folder, 'again.json');
    await exportPortable(targetContext, {
      assessmentId: imported.assessmentId,
      target: again,
      format: 'json',
    });
    const original = join(folder, 'original.json');
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PortableAssessment;
    const strip = (document: PortableAssessment) => {
      const { attestation } = document.assessment;
      return {
        ...document,
        exportedAt: null,
        assessment: {
          ...document.assessment,
          status: null,
          signedAt: null,
          attestation:
            attestation === null
              ? null
              : { ...attestation, signer: { ...attestation.signer, signature: null } },
        },
      };
    };
    expect(strip(read(again))).toEqual(strip(read(original)));
    // ... except that it is a draft here, its attestation without the signature.
    expect(read(original).assessment.status).toBe('signed');
    expect(read(again).assessment).toMatchObject({ status: 'draft', signedAt: null });
    expect(read(again).assessment.attestation?.signer.signature).toBeNull();
  });

  it('shares stored content when the same file is imported twice', async () => {
    const before = targetCounts();
    await importPortable(targetContext, {
      file: bundlePath,
      bundlePassphrase: () => Promise.resolve(BUNDLE_PASSPHRASE),
    });
    const after = targetCounts();
    expect(after.assessments).toBe(Number(before.assessments) + 1);
    expect(after.items).toBe(Number(before.items) + 2);
    expect(after.contents).toBe(before.contents);
  });
});

describe('importing a JSON document', () => {
  it('refuses evidence listed without its file (plain JSON carries none)', async () => {
    const document = JSON.parse(readFileSync(join(folder, 'original.json'), 'utf8')) as unknown;
    const error = await refusal(importJson(document));
    expect(error).toBeInstanceOf(ImportRefused);
    expect(problemsOf(error).map((problem) => problem.path)).toEqual([
      '$.evidence[0].file',
      '$.evidence[1].file',
    ]);
  });

  it('lists every problem with its JSON path and imports nothing', async () => {
    const before = targetCounts();
    const document = structuredClone(sample) as unknown as {
      assessment: { answers: { rowId: string; notes: string }[]; merchant: object };
    };
    document.assessment.merchant = { ...document.assessment.merchant, shoeSize: 42 };
    const first = document.assessment.answers[0];
    if (first === undefined) throw new Error('sample without answers');
    first.rowId = '99.9.9';
    const error = await refusal(importJson(document));
    expect(error.code).toBe('INVALID_INPUT');
    expect(problemsOf(error)).toEqual([
      {
        path: '$.assessment.merchant.shoeSize',
        message: 'Unknown key.',
        where: 'Merchant details (Part 1a), shoe size',
      },
    ]);

    // Once the format is right, the meaning is checked: the row does not exist.
    document.assessment.merchant = sample.assessment.merchant;
    const second = await refusal(importJson(document));
    expect(problemsOf(second)[0]).toMatchObject({
      path: '$.assessment.answers[0].rowId',
      where: 'Answer to requirement 99.9.9, row id',
    });
    expect(targetCounts()).toEqual(before);
  });

  it('refuses __proto__ and a card number, naming where without the digits', async () => {
    const text = JSON.stringify(sample).replace(
      '"notes":""',
      '"notes":"card 4111 1111 1111 1111 seen","__proto__":{"polluted":true}',
    );
    const error = await refusal(
      importPortable(targetContext, {
        file: write('hostile.json', text),
        bundlePassphrase: () => Promise.reject(new Error('not a bundle')),
      }),
    );
    expect(error.code).toBe('CARD_DATA_DETECTED');
    expect(error.message).not.toContain('4111');
    const paths = problemsOf(error).map((problem) => problem.path);
    expect(paths.some((path) => /^\$\.assessment\.answers\[\d+\]\.notes$/.test(path))).toBe(true);
    expect(paths.some((path) => /^\$\.assessment\.answers\[\d+\]\.__proto__$/.test(path))).toBe(
      true,
    );
    // For people: the requirement the answer is for, and why __proto__ is refused.
    const rowId = sample.assessment.answers.find((answer) => answer.notes === '')?.rowId;
    const located = problemsOf(error).map((problem) => [problem.where, problem.message]);
    expect(located).toContainEqual([
      `Answer to requirement ${rowId ?? ''}, notes`,
      expect.stringMatching(/^Refused: a card number/),
    ]);
    expect(located).toContainEqual([
      `Answer to requirement ${rowId ?? ''}`,
      'A key named __proto__ is not allowed (it could change how the app reads the file).',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('imports a document marked signed that the review would not let sign, as a draft', async () => {
    const before = targetCounts();
    const attestation = sample.assessment.attestation;
    if (attestation === null) throw new Error('sample without attestation');
    // Nothing is signed on import, so an incomplete attestation is simply a draft to finish.
    const incomplete = await importJson({
      ...sample,
      assessment: {
        ...sample.assessment,
        attestation: {
          ...attestation,
          signer: { ...attestation.signer, name: '', signature: null },
        },
      },
    });
    expect(incomplete.sourceSigning).toEqual({
      signedAt: sample.assessment.signedAt,
      signerName: '',
    });
    expect(targetCounts().assessments).toBe(Number(before.assessments) + 1);

    const draft = await importJson({
      ...sample,
      assessment: { ...sample.assessment, status: 'draft', signedAt: null },
    });
    expect(draft.sourceSigning).toBeNull();
    const status = target.service
      .session()
      .read((database) =>
        database
          .prepare<[string], { status: string }>('SELECT status FROM assessments WHERE id = ?')
          .get(incomplete.assessmentId),
      );
    expect(status?.status).toBe('draft');
  });

  it('refuses nesting beyond the limit before parsing, and a file that is not JSON', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const nested = await refusal(
      importPortable(targetContext, {
        file: write('deep.json', `{"format":"pci-saq-assessment","x":${deep}}`),
        bundlePassphrase: () => Promise.reject(new Error('not a bundle')),
      }),
    );
    expect(nested.message).toMatch(/Nested deeper than 32/);
    const notJson = await refusal(
      importPortable(targetContext, {
        file: write('not.json', 'assessment: yes'),
        bundlePassphrase: () => Promise.reject(new Error('not a bundle')),
      }),
    );
    expect(notJson.message).toMatch(/\$: Not JSON/);
  });
});
