import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_LABELS } from '../../../shared/domain/responses';
import type { PortableAssessment } from '../../../shared/portable/assessment-format';
import { createEvidenceService } from '../../core/evidence/evidence-service';
import { silentLogger } from '../../core/log/logger';
import { openVaultFor } from '../../core/portable/open-vault';
import { pdfsig, pdfsigAccepts, pdftotext } from '../../core/report/fixtures/pdf-tools';
import { appendixRowIds, between } from '../../core/report/fixtures/report-text';

/**
 * The main job on the command line, as a person runs it: real processes of
 * `node bin/pci-saq.mjs`, real vaults (the CLI always uses the real key
 * derivation, so this file opens as few vaults as it can), temporary folders.
 */

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'pci-saq.mjs');
const PASSPHRASE = 'correct horse battery staple';
const BUNDLE_PASSPHRASE = 'shared with the acquirer by phone';

let folder: string;
let sample: PortableAssessment;
let sourceVault: string;
let targetVault: string;
let assessmentId: string;
let pdfText: string;
let pdfVerdict: string;
const scan = randomBytes(1_300_000);
const policy = Buffer.from('Incident response plan, draft 2\nOwner: the director\n', 'utf8');
const RESPONSE_PATTERN = Object.values(RESPONSE_LABELS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * Section 2 rows as printed: a line that starts with a requirement ID and
 * ends with a response (pdftotext may leave one space before it when the
 * summary fills its column).
 */
function printedResponses(text: string): Map<string, string> {
  const section = between(text, 'Section 2: Self-Assessment Questionnaire', 'Appendix B:');
  const row = new RegExp(`^\\s*((?:\\d+|A\\d)(?:\\.\\d+)+)\\s{2,}.*?\\s(${RESPONSE_PATTERN})\\s*$`);
  const printed = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = row.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) printed.set(match[1], match[2]);
  }
  return printed;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, PCI_SAQ_PASSPHRASE: PASSPHRASE }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the steps a person would: sample, init, import, export PDF; adds evidence. */
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pci-saq-cli-portable-'));
  sourceVault = join(folder, 'source-vault');
  targetVault = join(folder, 'target-vault');

  const sampled = await cli('sample', '--out', join(folder, 'sample.json'));
  expect(sampled).toMatchObject({ status: 0, stderr: '' });
  sample = JSON.parse(readFileSync(join(folder, 'sample.json'), 'utf8')) as PortableAssessment;

  const [initSource, initTarget] = await Promise.all([
    cli('init', '--vault', sourceVault, '--recovery-key-out', join(folder, 'source.key')),
    cli('init', '--vault', targetVault, '--recovery-key-out', join(folder, 'target.key')),
  ]);
  expect(initSource.status).toBe(0);
  expect(initTarget.status).toBe(0);

  const imported = await cli('import', '--vault', sourceVault, join(folder, 'sample.json'));
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  assessmentId = /Imported assessment ([0-9a-f-]{36})/.exec(imported.stdout)?.[1] ?? '';
  // The sample was signed where it was made; here it is a draft until someone signs it.
  expect(imported.stdout).toContain('draft, not signed here)');
  expect(imported.stdout).toContain(
    `Signed in the source vault on ${sample.assessment.signedAt ?? ''} by ${sample.assessment.attestation?.signer.name ?? ''} (as the file states it); sign it here to export a signed report.`,
  );
  const refused = await cli(
    'export',
    '--vault',
    sourceVault,
    '--assessment',
    assessmentId,
    '--out',
    join(folder, 'unsigned.pdf'),
  );
  expect(refused.status).toBe(1);

  // The person in this vault signs, typing their own name as on the attestation screen.
  const signerName = sample.assessment.attestation?.signer.name ?? '';
  const signAs = (name: string) =>
    cli('sign', '--vault', sourceVault, '--assessment', assessmentId, '--typed-signature', name);
  const wrongName = await signAs('Somebody Else');
  expect(wrongName.status).toBe(1);
  expect(wrongName.stderr).toBe(
    `pci-saq sign: the typed signature must be the Part 3b signer's name, "${signerName}" (INVALID_INPUT).\n`,
  );
  const signed = await signAs(signerName);
  expect(signed.stderr).toBe('');
  expect(signed.status).toBe(0);
  expect(signed.stdout).toContain(`by ${signerName}: `);
  const again = await signAs(signerName);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/^pci-saq sign: .*\(ASSESSMENT_SIGNED\)\.\n$/);

  const pdf = join(folder, 'report.pdf');
  const exported = await cli(
    'export',
    '--vault',
    sourceVault,
    '--assessment',
    assessmentId,
    '--out',
    pdf,
  );
  expect(exported.stderr).toBe('');
  expect(exported.status).toBe(0);
  const bytes = readFileSync(pdf);
  pdfVerdict = pdfsig(bytes);
  pdfText = pdftotext(bytes);

  // Evidence for the bundle: the CLI has no command to add files, so the test
  // adds two through the evidence service, as the app's file dialog does.
  const opened = await openVaultFor(sourceVault, PASSPHRASE, { door: 'cli', log: silentLogger });
  try {
    const evidence = createEvidenceService(opened.vault, { door: 'cli', log: silentLogger });
    const pieces = async function* (bytes: Buffer) {
      for (let at = 0; at < bytes.length; at += 200_000) {
        await Promise.resolve();
        yield bytes.subarray(at, at + 200_000);
      }
    };
    const added = [
      await evidence.importEvidence(pieces(scan), {
        title: 'ASV scan, third quarter',
        fileName: 'asv-q3.pdf.bin',
        kind: 'asv-scan',
      }),
      await evidence.importEvidence(pieces(policy), {
        title: 'Incident response plan',
        fileName: 'incident-plan.txt',
        mediaType: 'text/plain',
        kind: 'policy',
      }),
    ];
    evidence.store().link(added[0]?.item.id ?? '', assessmentId, '11.3.2');
    evidence.store().link(added[1]?.item.id ?? '', assessmentId, '12.10.1');
  } finally {
    await opened.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('sample -> init -> import -> export PDF', () => {
  it('writes a sample with a few N/A, one worksheet and one Not in Place', () => {
    const responses = sample.assessment.answers.map((answer) => answer.response);
    expect(responses.filter((response) => response === 'not-applicable').length).toBeGreaterThan(2);
    expect(responses.filter((response) => response === 'in-place-ccw')).toHaveLength(1);
    expect(responses.filter((response) => response === 'not-in-place')).toHaveLength(1);
    expect(sample.assessment.questionnaire.saqType).toBe('A');
  });

  it('gives a PDF whose signature pdfsig accepts over the whole document', () => {
    expect(pdfVerdict).toContain('Signature is Valid.');
    expect(pdfVerdict).toContain('Total document signed');
    expect(pdfsigAccepts(pdfVerdict)).toBe(true);
  });

  it('prints every requirement with the response of the imported file', () => {
    const printed = printedResponses(pdfText);
    expect(printed.size).toBe(sample.assessment.answers.length);
    for (const answer of sample.assessment.answers) {
      expect([answer.rowId, printed.get(answer.rowId)]).toEqual([
        answer.rowId,
        answer.response === null ? undefined : RESPONSE_LABELS[answer.response],
      ]);
    }
  });

  it('has as many Appendix B, C and D entries as the answers call for', () => {
    const count = (response: string) =>
      sample.assessment.answers.filter((answer) => answer.response === response).length;
    const worksheets = pdfText.match(/^\s*Worksheet for requirement \S+/gm) ?? [];
    expect(worksheets).toHaveLength(count('in-place-ccw'));
    const appendixC = appendixRowIds(
      between(
        pdfText,
        'Appendix C: Explanation of Requirements Noted as Not Applicable',
        'Section 3',
      ),
    );
    expect(appendixC).toEqual(
      sample.assessment.answers
        .filter((answer) => answer.response === 'not-applicable')
        .map((answer) => answer.rowId),
    );
    const appendixD = /Appendix D:/.test(pdfText)
      ? appendixRowIds(between(pdfText, 'Appendix D:', 'Section 3'))
      : [];
    expect(appendixD).toHaveLength(count('not-tested'));
  });

  it('prints the Part 2g table as the answers of the file make it', () => {
    const section = between(pdfText, 'Part 2g. Summary of assessment', 'Part 2h.');
    const columns = ['in-place', 'in-place-ccw', 'not-applicable', 'not-in-place'];
    expect(section).not.toContain('Not Tested');
    const printed: Record<string, string> = {};
    for (const line of section.split('\n')) {
      const match = /^\s*Requirement (\d+|A\d):.*?((?:[☒☐]\s*){4})$/u.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        printed[match[1]] = match[2].replace(/\s/g, '');
      }
    }

    const used = new Map<string, Set<string>>();
    for (const answer of sample.assessment.answers) {
      const principal = answer.rowId.split('.')[0] ?? '';
      const set = used.get(principal) ?? new Set<string>();
      if (answer.response !== null) set.add(answer.response);
      used.set(principal, set);
    }
    const derived = Object.fromEntries(
      [...used].map(([principal, responses]) => [
        principal,
        columns.map((response) => (responses.has(response) ? '☒' : '☐')).join(''),
      ]),
    );
    expect(printed).toEqual(derived);
  });

  it('names the merchant exactly', () => {
    const name = sample.assessment.merchant.companyName;
    expect(pdfText).toMatch(new RegExp(`^Merchant\\s{2,}${name}$`, 'm'));
    expect(pdfText).toMatch(new RegExp(`^Company name\\s{2,}${name}$`, 'm'));
  });
});

describe('the encrypted bundle on the command line', () => {
  let bundle: string;

  beforeAll(async () => {
    bundle = join(folder, 'harbour-lane.pcisaq');
    const exported = await cli(
      'export',
      '--vault',
      sourceVault,
      '--assessment',
      assessmentId,
      '--format',
      'bundle',
      '--bundle-passphrase-file',
      file('bundle-passphrase.txt', `${BUNDLE_PASSPHRASE}\n`),
      '--out',
      bundle,
    );
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('2 evidence files');
    expect(exported.status).toBe(0);
  }, 60_000);

  it('refuses a wrong bundle passphrase and a tampered bundle, importing nothing', async () => {
    const tampered = Buffer.from(readFileSync(bundle));
    const at = Math.floor(tampered.length / 2);
    tampered[at] = (tampered[at] ?? 0) ^ 0x20;
    const wrong = await cli(
      'import',
      '--vault',
      targetVault,
      '--bundle-passphrase-file',
      file('wrong.txt', 'not what was agreed\n'),
      bundle,
    );
    const altered = await cli(
      'import',
      '--vault',
      targetVault,
      '--bundle-passphrase-file',
      file('right.txt', `${BUNDLE_PASSPHRASE}\n`),
      file('tampered.pcisaq', tampered),
    );
    for (const run of [wrong, altered]) {
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(wrong.stderr).toBe(
      'pci-saq import: the bundle passphrase is wrong (WRONG_PASSPHRASE).\n',
    );
    expect(altered.stderr).toMatch(
      /^pci-saq import: The bundle is damaged or was altered \(record \d+ fails its check\)/,
    );
  }, 60_000);

  it('refuses JSON with an unknown key, __proto__ and a card number, naming each path', async () => {
    const hostile = JSON.stringify(sample)
      .replace('"dba":', '"favouriteColour":"teal","dba":')
      .replace('"notes":""', '"notes":"","__proto__":{"admin":true}')
      .replace('"contactTitle":"Director"', '"contactTitle":"Director, card 4111 1111 1111 1111"');
    const run = await cli('import', '--vault', targetVault, file('hostile.json', hostile));

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('CARD_DATA_DETECTED');
    expect(run.stderr).toContain('$.assessment.merchant.contactTitle');
    expect(run.stderr).toContain('$.assessment.merchant.favouriteColour: Unknown key');
    expect(run.stderr).toMatch(
      /\$\.assessment\.answers\[\d+\]\.__proto__: A key named __proto__ is not allowed/,
    );
    expect(run.stderr).not.toContain('4111');
  }, 60_000);

  it('imports the bundle with identical evidence, and only that', async () => {
    const imported = await cli(
      'import',
      '--vault',
      targetVault,
      '--bundle-passphrase-file',
      file('again.txt', `${BUNDLE_PASSPHRASE}\n`),
      bundle,
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(
      /\(bundle, \d+ answers, 2 evidence files, draft, not signed here\)/,
    );
    expect(imported.status).toBe(0);

    const opened = await openVaultFor(targetVault, PASSPHRASE, { door: 'cli', log: silentLogger });
    try {
      const assessments = await opened.assessments.listAssessments();
      expect(assessments).toHaveLength(1);
      expect(assessments[0]?.companyName).toBe(sample.assessment.merchant.companyName);

      const store = createEvidenceService(opened.vault, { door: 'cli', log: silentLogger }).store();
      const items = store.list({ assessmentId: assessments[0]?.id ?? '' });
      const hashes: string[] = [];
      for (const item of items) {
        const parts: Buffer[] = [];
        for await (const piece of store.readContent(item.id)) parts.push(piece);
        hashes.push(sha(Buffer.concat(parts)));
        expect(item.sha256).toBe(hashes.at(-1));
      }
      expect(hashes.sort()).toEqual([sha(scan), sha(policy)].sort());
      expect(items.flatMap((item) => item.links.map((link) => link.rowId)).sort()).toEqual([
        '11.3.2',
        '12.10.1',
      ]);
    } finally {
      await opened.close();
    }
  }, 60_000);
});

describe('the commands themselves', () => {
  it('explain themselves with --help and refuse a wrong command line with status 2', async () => {
    const [importHelp, sampleHelp, exportHelp, missing, short] = await Promise.all([
      cli('import', '--help'),
      cli('sample', '--help'),
      cli('export', '--help'),
      cli('import', '--vault', targetVault),
      cli(
        'export',
        ...['--vault', sourceVault, '--assessment', assessmentId, '--format', 'bundle'],
        ...['--bundle-passphrase-file', file('short.txt', 'abc\n'), '--out', join(folder, 'x')],
      ),
    ]);
    expect(short).toMatchObject({
      status: 1,
      stderr: 'pci-saq export: the bundle passphrase is too short (at least 12 characters).\n',
    });
    expect(importHelp.stdout).toContain('--bundle-passphrase-file');
    expect(sampleHelp.stdout).toContain('Usage: pci-saq sample --out FILE.json');
    expect(exportHelp.stdout).toMatch(/--format pdf\|aoc\|json\|bundle/);
    expect(missing).toMatchObject({ status: 2, stderr: 'pci-saq import: give exactly one FILE\n' });
  }, 60_000);

  it('warns on stderr when writing plain JSON', async () => {
    const out = join(folder, 'plain.json');
    const run = await cli(
      'export',
      '--vault',
      sourceVault,
      '--assessment',
      assessmentId,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('warning');
    expect(run.stderr).toContain('NOT encrypted');
    const document = JSON.parse(readFileSync(out, 'utf8')) as PortableAssessment;
    expect(document.evidence.map((item) => item.sha256).sort()).toEqual(
      [sha(scan), sha(policy)].sort(),
    );
  }, 60_000);
});
