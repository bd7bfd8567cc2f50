import { Alert, Group, Loader } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { messageFor } from '../../api/messages';
import { useVaultStore } from '../../state/vault-store';
import { formatLocalDate } from '../dates/LocalTime';
import { CreateVault } from './CreateVault';
import { RecoveryKeyShown } from './RecoveryKeyShown';
import { UnlockVault } from './UnlockVault';

/** Shows the way into the vault until it is unlocked; then its children. */
export function VaultGate({ children }: { readonly children: ReactNode }) {
  const status = useVaultStore((state) => state.status);
  const loadError = useVaultStore((state) => state.loadError);
  const pendingRecoveryKey = useVaultStore((state) => state.pendingRecoveryKey);
  const refresh = useVaultStore((state) => state.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (loadError !== undefined) {
    return (
      <Alert color="red" title="The vault could not be read" role="alert">
        {messageFor(loadError)}
      </Alert>
    );
  }
  if (status === undefined) {
    return (
      <Group justify="center" p="xl">
        <Loader aria-label="Loading" />
      </Group>
    );
  }

  const warnings = (
    <>
      {status.inUseElsewhere !== null ? (
        <Alert color="orange" title="Open elsewhere" mt="md">
          {`The vault is open in the ${status.inUseElsewhere.door === 'cli' ? 'command line' : `${status.inUseElsewhere.door} app`} since ${formatLocalDate(status.inUseElsewhere.since, { withTime: true })}. Close it there to use it here.`}
        </Alert>
      ) : null}
      {status.problem !== null ? (
        <Alert color="red" title="Part of the vault is missing" mt="md" role="alert">
          {status.problem === 'key-file-missing'
            ? 'The vault database is here but its key file is not. Restore the key file (vault.key) from a backup; nothing has been changed.'
            : 'The key file is here but the vault database is not. Restore the database (vault.db) from a backup; nothing has been changed.'}
        </Alert>
      ) : null}
    </>
  );

  if (pendingRecoveryKey !== undefined) return <RecoveryKeyShown created={pendingRecoveryKey} />;
  if (status.state === 'none' && status.problem === null) return <CreateVault />;
  if (status.state !== 'unlocked') {
    return (
      <>
        {warnings}
        {status.problem === null ? <UnlockVault /> : null}
      </>
    );
  }

  return <>{children}</>;
}
