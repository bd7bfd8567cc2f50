import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockingFindings, loadSuppressions, parseFindings, scan } from './electronegativity-gate';

const root = join(import.meta.dirname, '..');

describe('electronegativity gate', () => {
  // Both scans wait on the scanner's failed update checks (about 11 s each here), so run them together.
  const appScan = scan(root, ['electron', 'renderer']);
  const canaryScan = scan(root, ['security/electronegativity-canary']);

  it('finds no unsuppressed HIGH or MEDIUM issue in the app', async () => {
    const blocking = blockingFindings(await appScan, loadSuppressions(root));
    expect(blocking).toEqual([]);
  });

  it('keeps no stale suppression', async () => {
    const findings = await appScan;
    for (const entry of loadSuppressions(root)) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(
        findings.some((finding) => finding.rule === entry.rule && finding.file === entry.file),
      ).toBe(true);
    }
  });

  it('fails on the insecure canary window', async () => {
    const rules = blockingFindings(await canaryScan, []).map((finding) => finding.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
  });

  it('reads quoted CSV fields with commas inside', () => {
    const csv =
      'issue, severity, confidence, filename, location, sample, description, url\nX,"HIGH","FIRM","a.ts","1:2","f(a, b)","d, e",u\n';
    expect(parseFindings(csv)).toEqual([
      { rule: 'X', severity: 'HIGH', file: 'a.ts', location: '1:2' },
    ]);
  });
});
