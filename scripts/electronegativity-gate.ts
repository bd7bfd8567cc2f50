import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs Doyensec's electronegativity over the app's Electron and page code and
 * fails on any HIGH or MEDIUM finding that is not in the reviewed suppression
 * list. The scanner itself exits 0 whatever it finds, so the gate reads the
 * severity column of its CSV report.
 */

export const ELECTRON_VERSION = '45.6.1';

export interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
}

export interface Suppression {
  readonly rule: string;
  readonly file: string;
  readonly reason: string;
}

/** Parses the scanner's CSV (quoted fields, commas inside quotes). */
export function parseFindings(csv: string): Finding[] {
  const rows = csv.split('\n').filter((line) => line.trim() !== '');
  return rows.slice(1).map((line) => {
    const fields: string[] = [];
    let current = '';
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        fields.push(current);
        current = '';
      } else current += char;
    }
    fields.push(current);

    return {
      rule: fields[0] ?? '',
      severity: fields[1] ?? '',
      file: fields[3] ?? '',
      location: fields[4] ?? '',
    };
  });
}

export function blockingFindings(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
): Finding[] {
  return findings.filter(
    (finding) =>
      (finding.severity === 'HIGH' || finding.severity === 'MEDIUM') &&
      !suppressions.some((entry) => entry.rule === finding.rule && entry.file === finding.file),
  );
}

/** Scans copies of the given folders (lint fixtures left out) and returns every finding. */
export async function scan(root: string, folders: readonly string[]): Promise<Finding[]> {
  const staging = mkdtempSync(join(tmpdir(), 'pci-saq-electronegativity-'));
  try {
    for (const folder of folders) {
      cpSync(join(root, folder), join(staging, folder), {
        recursive: true,
        filter: (source) => basename(source) !== 'lint-fixtures' && !source.endsWith('.test.ts'),
      });
    }
    const report = join(staging, 'report.csv');
    await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
        '-i',
        staging,
        '-r',
        '-e',
        ELECTRON_VERSION,
        '-o',
        report,
      ],
      { cwd: staging, timeout: 120_000 },
    );

    return parseFindings(readFileSync(report, 'utf8'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function loadSuppressions(root: string): Suppression[] {
  return JSON.parse(
    readFileSync(join(root, 'security/electronegativity-suppressions.json'), 'utf8'),
  ) as Suppression[];
}
