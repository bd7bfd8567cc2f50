import type { vaultOperations } from '../../../shared/api/ops/vault';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import type { VaultService } from '../vault/vault-service';

/**
 * The vault's operations. Secrets come in (passphrase, recovery key) and only
 * statuses go out: the data key and the open database never leave core. The
 * recovery key leaves once, in createVault's result, for the person to keep.
 */
export function vaultHandlers(
  _context: CoreContext,
  vault: VaultService,
): HandlersFor<typeof vaultOperations> {
  return {
    getVaultStatus: () => vault.status(),
    createVault: ({ passphrase }) => vault.create(passphrase),
    unlockVault: ({ passphrase }) => vault.unlock({ passphrase }),
    unlockVaultWithRecoveryKey: ({ recoveryKey, newPassphrase }) =>
      vault.unlock({ recoveryKey }, newPassphrase),
    unlockVaultWithDevice: () => vault.unlockWithDevice(),
    enableDeviceUnlock: ({ passphrase }) => vault.enableDeviceUnlock(passphrase),
    disableDeviceUnlock: () => vault.disableDeviceUnlock(),
    lockVault: () => vault.lock('user'),
    changeVaultPassphrase: ({ currentPassphrase, newPassphrase }) =>
      vault.changePassphrase(currentPassphrase, newPassphrase),
    backupVault: (_input, call) =>
      vault.backup(undefined, (stage) => {
        call.progress(['copy', 'verify'].indexOf(stage) + 1, 2, stage);
      }),
    listVaultBackups: () => vault.listBackups(),
    restoreVault: ({ backupName, passphrase, recoveryKey }, call) =>
      vault.restoreByName(
        backupName,
        recoveryKey === undefined ? { passphrase: passphrase ?? '' } : { recoveryKey },
        (stage) => {
          call.progress(['check', 'stage', 'verify', 'replace'].indexOf(stage) + 1, 4, stage);
        },
      ),
    verifyAuditTrail: ({ expected }) => vault.verifyAudit(expected),
    setAutoLockMinutes: ({ minutes }) => vault.setAutoLockMinutes(minutes),
  };
}
