import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operations } from '../../../shared/api/contract';
import type { PortableAssessment } from '../../../shared/portable/assessment-format';
import { loadState } from '../assessments/assessment-state';
import { buildSampleAssessment, type InvokeOperation } from '../assessments/sample';
import type { CallContext } from '../dispatch';
import { EventHub } from '../events';
import type { Logger } from '../log/logger';
import { assessmentHandlers } from '../ops/assessment-handlers';
import { vaultPaths } from '../paths';
import { loadCatalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import { VaultService } from '../vault/vault-service';
import { portableDocumentOf } from './export-document';

/**
 * The sample assessment as a portable document, made the way a person would
 * make it: the assessments' sample builder drives the real operations on a
 * throwaway vault in a temporary folder, the result is signed, exported and
 * the folder removed. So the sample always passes the same rules as an
 * assessment made in the app, and imports as a complete draft to sign.
 */
export async function buildSampleDocument(log: Logger, now?: Date): Promise<PortableAssessment> {
  const root = mkdtempSync(join(tmpdir(), 'pci-saq-sample-'));
  const paths = vaultPaths(join(root, 'vault'));
  const events = new EventHub();
  const vault = new VaultService({
    paths,
    backupsDir: join(root, 'backups'),
    door: 'cli',
    log,
    events,
    // The vault lives for this call only and its passphrase is random and
    // never shown: a cheap key derivation guards nothing worth guarding here.
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
  });

  try {
    await vault.create(randomBytes(24).toString('base64'));
    const handlers = assessmentHandlers(
      { door: 'cli', dataDir: root, vaultPaths: paths, log, events },
      vault,
      { bundledDir: BUNDLED_QUESTIONNAIRES_DIR, userDir: join(root, 'questionnaires') },
    );
    const call: CallContext = {
      door: 'cli',
      requestId: undefined,
      signal: new AbortController().signal,
      progress: () => undefined,
    };
    const invoke = ((name: keyof typeof handlers, input: unknown) => {
      const parsed: unknown = operations[name].input.parse(input);
      const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
      return Promise.resolve(handler(parsed, call));
    }) as InvokeOperation;

    const { assessmentId } = await buildSampleAssessment(invoke, { sign: true });
    const catalogue = await loadCatalogue({ bundledDir: BUNDLED_QUESTIONNAIRES_DIR, log });
    const state = vault
      .session()
      .read((database) => loadState(database, assessmentId, (id) => catalogue.resolve(id)));
    return portableDocumentOf(state, [], now ?? new Date());
  } finally {
    await vault.close();
    rmSync(root, { recursive: true, force: true });
  }
}
