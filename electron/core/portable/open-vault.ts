import { join, resolve } from 'node:path';
import type { Door } from '../../../shared/api/ops/app';
import { AssessmentService } from '../assessments/assessment-service';
import { EventHub } from '../events';
import type { Logger } from '../log/logger';
import { vaultPaths } from '../paths';
import { loadCatalogue, type Catalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import { VaultService } from '../vault/vault-service';
import type { PortableContext } from './portable-files';

/** An unlocked vault with what the command line's export and import need around it. */
export interface OpenedVault {
  readonly vault: VaultService;
  readonly catalogue: Catalogue;
  readonly portable: PortableContext;
  readonly assessments: AssessmentService;
  close(): Promise<void>;
}

/**
 * Unlocks the vault in `vaultDir` for one command (the bundled questionnaires
 * only: the command line has no data folder of its own). The caller closes
 * it, which locks the vault and releases its write lock.
 */
export async function openVaultFor(
  vaultDir: string,
  passphrase: string,
  options: { readonly door: Door; readonly log: Logger },
): Promise<OpenedVault> {
  const paths = vaultPaths(resolve(vaultDir));
  const vault = new VaultService({
    paths,
    backupsDir: join(paths.dir, '..', 'backups'),
    door: options.door,
    log: options.log,
    events: new EventHub(),
  });
  try {
    await vault.unlock({ passphrase });
    const catalogue = await loadCatalogue({
      bundledDir: BUNDLED_QUESTIONNAIRES_DIR,
      log: options.log,
    });
    return {
      vault,
      catalogue,
      portable: {
        vault,
        resolve: (id) => catalogue.resolve(id),
        door: options.door,
        log: options.log,
      },
      assessments: new AssessmentService({
        vault,
        catalogue: () => Promise.resolve(catalogue),
        door: options.door,
        log: options.log,
      }),
      close: () => vault.close(),
    };
  } catch (error) {
    await vault.close();
    throw error;
  }
}
