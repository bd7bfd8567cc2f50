import { Alert, Button, Card, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type SyntheticEvent, type ReactNode } from 'react';
import { passphraseHint } from '../../../../shared/domain/passphrase-strength';
import type { Result } from '../../../../shared/api/result';
import { messageFor } from '../../api/messages';
import { useVaultStore } from '../../state/vault-store';
import { formatLocalDate } from '../dates/LocalTime';
import { PassphraseField } from './PassphraseField';

function ErrorLine({ error }: { readonly error: string | undefined }) {
  return error === undefined ? null : (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  );
}

function useSubmit<T>(
  action: () => Promise<Result<T>>,
): [string | undefined, (event: SyntheticEvent) => void] {
  const [error, setError] = useState<string | undefined>();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(undefined);
    void action().then((result) => {
      if (!result.ok) setError(messageFor(result.error));
    });
  };

  return [error, submit];
}

function Form({
  onSubmit,
  children,
}: {
  readonly onSubmit: (event: SyntheticEvent) => void;
  readonly children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} autoComplete="off">
      <Stack gap="md" pt="md">
        {children}
      </Stack>
    </form>
  );
}

function WithPassphrase() {
  const unlock = useVaultStore((state) => state.unlock);
  const busy = useVaultStore((state) => state.busy);
  const [passphrase, setPassphrase] = useState('');
  const [error, submit] = useSubmit(() => unlock(passphrase));

  return (
    <Form onSubmit={submit}>
      <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} autoFocus />
      <ErrorLine error={error} />
      <Button
        type="submit"
        loading={busy === 'working'}
        disabled={passphrase.length === 0}
        w="fit-content"
      >
        Unlock
      </Button>
    </Form>
  );
}

/** Offered when this device remembers the key; the passphrase form stays below it. */
function WithDevice() {
  const unlockWithDevice = useVaultStore((state) => state.unlockWithDevice);
  const busy = useVaultStore((state) => state.busy);
  const [error, submit] = useSubmit(() => unlockWithDevice());

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Text size="sm">This computer remembers the vault key.</Text>
        <ErrorLine error={error} />
        <Button onClick={submit} loading={busy === 'working'} w="fit-content">
          Unlock with this device
        </Button>
      </Stack>
    </Card>
  );
}

function WithRecoveryKey() {
  const recover = useVaultStore((state) => state.recover);
  const busy = useVaultStore((state) => state.busy);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, submit] = useSubmit(() => recover(recoveryKey, passphrase));

  return (
    <Form onSubmit={submit}>
      <Text size="sm">
        Forgot the passphrase? The recovery key opens the vault and lets you choose a new one.
      </Text>
      <TextInput
        label="Recovery key"
        value={recoveryKey}
        onChange={(event) => {
          setRecoveryKey(event.currentTarget.value);
        }}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <PassphraseField
        label="New passphrase"
        value={passphrase}
        onChange={setPassphrase}
        withHint
      />
      <ErrorLine error={error} />
      <Button
        type="submit"
        loading={busy === 'working'}
        disabled={recoveryKey.length === 0 || !passphraseHint(passphrase).acceptable}
        w="fit-content"
      >
        Unlock and set the new passphrase
      </Button>
    </Form>
  );
}

function FromBackup() {
  const backups = useVaultStore((state) => state.backups);
  const loadBackups = useVaultStore((state) => state.loadBackups);
  const restore = useVaultStore((state) => state.restore);
  const busy = useVaultStore((state) => state.busy);
  const [name, setName] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, submit] = useSubmit(() => restore(name ?? '', passphrase));

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  if (backups.length === 0)
    return <Text pt="md">There are no backups in this app's backup folder.</Text>;

  return (
    <Form onSubmit={submit}>
      <Text size="sm">
        Restoring replaces the vault with the backup. The current vault is kept aside, not deleted.
      </Text>
      <Select
        label="Backup"
        data={backups.map((backup) => ({
          value: backup.name,
          label: `${formatLocalDate(backup.createdAt, { withTime: true })} (${backup.name})`,
        }))}
        value={name}
        onChange={setName}
        allowDeselect={false}
        required
      />
      <PassphraseField
        label="Passphrase of that backup"
        value={passphrase}
        onChange={setPassphrase}
      />
      <ErrorLine error={error} />
      <Button
        type="submit"
        loading={busy === 'working'}
        disabled={name === null || passphrase.length === 0}
        w="fit-content"
      >
        Check and restore
      </Button>
    </Form>
  );
}

/** The vault exists and is locked: unlock it, recover it or restore a backup. */
export function UnlockVault() {
  const deviceUnlock = useVaultStore((state) => state.status?.deviceUnlock);

  return (
    <Stack gap="md" py="md">
      <Title order={2}>Unlock your vault</Title>
      {deviceUnlock === 'on' ? <WithDevice /> : null}
      <Card withBorder padding="lg">
        <Tabs defaultValue="passphrase" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="passphrase">Passphrase</Tabs.Tab>
            <Tabs.Tab value="recovery">Recovery key</Tabs.Tab>
            <Tabs.Tab value="backup">Restore a backup</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="passphrase">
            <WithPassphrase />
          </Tabs.Panel>
          <Tabs.Panel value="recovery">
            <WithRecoveryKey />
          </Tabs.Panel>
          <Tabs.Panel value="backup">
            <FromBackup />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  );
}
