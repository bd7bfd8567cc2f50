import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { AuditVerification, DeviceUnlockState } from '../../../../shared/api/ops/vault';
import { passphraseHint } from '../../../../shared/domain/passphrase-strength';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';
import { useVaultStore } from '../../state/vault-store';
import { LocalTime } from '../dates/LocalTime';
import { SigningIdentity } from '../signing/SigningIdentity';
import { PassphraseField } from './PassphraseField';

function ChangePassphrase() {
  const changePassphrase = useVaultStore((state) => state.changePassphrase);
  const busy = useVaultStore((state) => state.busy);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat.length > 0 && repeat !== next;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (repeat !== next || !passphraseHint(next).acceptable) return;
    void changePassphrase(current, next).then((result) => {
      setMessage(
        result.ok
          ? { ok: true, text: 'The passphrase was changed.' }
          : { ok: false, text: messageFor(result.error) },
      );
      if (result.ok) {
        setCurrent('');
        setNext('');
        setRepeat('');
      }
    });
  }

  return (
    <form onSubmit={submit} autoComplete="off">
      <Stack gap="sm">
        <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} />
        <PassphraseField label="New passphrase" value={next} onChange={setNext} withHint />
        <PassphraseField
          label="Repeat the new passphrase"
          value={repeat}
          onChange={setRepeat}
          error={mismatch ? 'The two new passphrases differ.' : undefined}
        />
        {message !== undefined ? (
          <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Alert>
        ) : null}
        <Button
          type="submit"
          loading={busy === 'working'}
          disabled={current.length === 0 || !passphraseHint(next).acceptable || repeat !== next}
          w="fit-content"
        >
          Change passphrase
        </Button>
      </Stack>
    </form>
  );
}

const DEVICE_UNLOCK_NOTE: Record<DeviceUnlockState, string> = {
  unsupported:
    'Not available here. Only the desktop app can remember the vault, and only where the system keeps secrets in a protected keyring (Keychain on macOS, the Windows user profile, a keyring on Linux). In browser mode and the command line, use the passphrase.',
  'refused-plain-text':
    'Not offered on this computer: it has no protected keyring, so the key would be stored as plain text. Set up a keyring (such as GNOME Keyring or KWallet) and restart the app to use it.',
  off: 'This computer can remember the vault key in its protected keyring, so that you unlock without typing the passphrase. The passphrase and the recovery key keep working.',
  on: 'This computer remembers the vault key. The passphrase and the recovery key keep working. Changing the passphrase or restoring a backup turns this off.',
};

/** "Remember on this device": a switch that needs the passphrase to turn on. */
function RememberDevice({ state }: { readonly state: DeviceUnlockState }) {
  const enable = useVaultStore((store) => store.enableDeviceUnlock);
  const disable = useVaultStore((store) => store.disableDeviceUnlock);
  const busy = useVaultStore((store) => store.busy);
  const [asking, setAsking] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const supported = state === 'on' || state === 'off';

  function show(result: Awaited<ReturnType<typeof enable>>, done: string) {
    setMessage(
      result.ok ? { ok: true, text: done } : { ok: false, text: messageFor(result.error) },
    );
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    void enable(passphrase).then((result) => {
      show(result, 'This device now remembers the vault.');
      if (result.ok) {
        setAsking(false);
        setPassphrase('');
      }
    });
  }

  return (
    <Stack gap="sm">
      <Switch
        label="Remember on this device"
        description={DEVICE_UNLOCK_NOTE[state]}
        checked={state === 'on' || asking}
        disabled={!supported || busy === 'working'}
        onChange={(event) => {
          setMessage(undefined);
          if (event.currentTarget.checked) setAsking(true);
          else if (asking) setAsking(false);
          else
            void disable().then((result) => {
              show(result, 'This device was forgotten.');
            });
        }}
      />
      {asking && state === 'off' ? (
        <form onSubmit={submit} autoComplete="off">
          <Stack gap="sm">
            <PassphraseField
              label="Passphrase to confirm"
              value={passphrase}
              onChange={setPassphrase}
              autoFocus
            />
            <Button
              type="submit"
              loading={busy === 'working'}
              disabled={passphrase.length === 0}
              w="fit-content"
            >
              Remember this device
            </Button>
          </Stack>
        </form>
      ) : null}
      {message !== undefined ? (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      ) : null}
    </Stack>
  );
}

function AutoLock({ minutes }: { readonly minutes: number }) {
  const setAutoLock = useVaultStore((state) => state.setAutoLock);
  const [value, setValue] = useState<number | string>(minutes);
  const [saved, setSaved] = useState<string | undefined>();
  const valid = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1440;

  return (
    <Group align="flex-start">
      <NumberInput
        label="Lock after this many minutes without activity (0 = never)"
        value={value}
        onChange={(next) => {
          setValue(next);
          setSaved(undefined);
        }}
        min={0}
        max={1440}
        allowDecimal={false}
        allowNegative={false}
        error={valid ? undefined : 'Enter a whole number of minutes from 0 to 1440.'}
        w={380}
      />
      <Button
        variant="default"
        mt={25}
        disabled={!valid}
        onClick={() => {
          if (typeof value !== 'number') return;
          void setAutoLock(value).then((result) => {
            setSaved(
              result.ok
                ? value === 0
                  ? 'Saved: the vault never locks by itself.'
                  : 'Saved.'
                : messageFor(result.error),
            );
          });
        }}
      >
        Save
      </Button>
      {saved !== undefined ? (
        <Text role="status" mt={30}>
          {saved}
        </Text>
      ) : null}
    </Group>
  );
}

function Backups() {
  const backups = useVaultStore((state) => state.backups);
  const loadBackups = useVaultStore((state) => state.loadBackups);
  const backup = useVaultStore((state) => state.backup);
  const busy = useVaultStore((state) => state.busy);
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  return (
    <Stack gap="sm">
      <Group>
        <Button
          loading={busy === 'working'}
          onClick={() => {
            void backup().then((result) => {
              setMessage(
                result.ok
                  ? `Backup written and verified: ${result.value.name}`
                  : messageFor(result.error),
              );
            });
          }}
        >
          Back up now
        </Button>
        {message !== undefined ? <Text role="status">{message}</Text> : null}
      </Group>
      {backups.length === 0 ? (
        <Text size="sm">No backups yet.</Text>
      ) : (
        <Table striped aria-label="Backups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Made</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Audit entries</Table.Th>
              <Table.Th>Size</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.map((entry) => (
              <Table.Tr key={entry.name}>
                <Table.Td>
                  <LocalTime value={entry.createdAt} withTime />
                </Table.Td>
                <Table.Td>{entry.name}</Table.Td>
                <Table.Td>{entry.audit.length}</Table.Td>
                <Table.Td>{`${String(Math.ceil(entry.sizeBytes / 1024))} KiB`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function AuditTrail() {
  const [verification, setVerification] = useState<AuditVerification | undefined>();
  const [error, setError] = useState<string | undefined>();

  return (
    <Stack gap="sm">
      <Text size="sm">
        Every change is recorded in a chain of entries, each sealing the one before. Checking it
        shows whether anything was altered or removed.
      </Text>
      <Button
        variant="default"
        w="fit-content"
        onClick={() => {
          void api()
            .verifyAuditTrail({})
            .then((result) => {
              if (result.ok) setVerification(result.value);
              else setError(messageFor(result.error));
            });
        }}
      >
        Check the audit trail
      </Button>
      {verification !== undefined ? (
        <Alert color={verification.ok ? 'green' : 'red'} role="status">
          {verification.ok
            ? `Intact: ${String(verification.length)} entries, last seal ${verification.head.slice(0, 16)}…`
            : `Broken at entry ${String(verification.firstBroken?.seq ?? '?')} (${verification.firstBroken?.reason ?? 'unknown'}).`}
        </Alert>
      ) : null}
      {error !== undefined ? <Alert color="red">{error}</Alert> : null}
    </Stack>
  );
}

/** The unlocked vault: where it is, locking, passphrase, backups and the audit trail. */
export function VaultSettings() {
  const status = useVaultStore((state) => state.status);
  const lock = useVaultStore((state) => state.lock);
  if (status === undefined) return null;

  return (
    <Stack gap="lg" py="md">
      <Group justify="space-between">
        <Title order={2}>Vault</Title>
        <Button variant="default" onClick={() => void lock()}>
          Lock now
        </Button>
      </Group>
      {status.cloudSyncFolder !== null ? (
        <Alert color="orange" title="The vault is in a synced folder">
          {`The vault lies in a folder that ${status.cloudSyncFolder} copies to its servers. The file is encrypted, but two computers writing to it can damage it. Keep the vault in a local folder and use backups instead.`}
        </Alert>
      ) : null}
      <Card withBorder padding="lg">
        <Stack gap={4}>
          <Text>
            Location:{' '}
            <Text span ff="monospace">
              {status.location}
            </Text>
          </Text>
          <Text data-testid="vault-revision">Changes saved: {status.revision ?? 0}</Text>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          Automatic lock
        </Title>
        <AutoLock minutes={status.autoLockMinutes ?? 0} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          Unlock on this device
        </Title>
        <RememberDevice state={status.deviceUnlock} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          Change the passphrase
        </Title>
        <ChangePassphrase />
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          Backups
        </Title>
        <Backups />
      </Card>
      <SigningIdentity />
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          Audit trail
        </Title>
        <AuditTrail />
      </Card>
    </Stack>
  );
}
