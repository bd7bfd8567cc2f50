import { Alert, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { passphraseHint } from '../../../../shared/domain/passphrase-strength';
import { messageFor } from '../../api/messages';
import { useVaultStore } from '../../state/vault-store';
import { PassphraseField } from './PassphraseField';

/** First launch: explains the vault and creates it with a passphrase. */
export function CreateVault() {
  const create = useVaultStore((state) => state.create);
  const busy = useVaultStore((state) => state.busy);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | undefined>();

  const hint = passphraseHint(passphrase);
  const mismatch = repeat.length > 0 && repeat !== passphrase;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!hint.acceptable || mismatch || repeat !== passphrase) return;
    const result = await create(passphrase);
    if (!result.ok) setError(messageFor(result.error));
  }

  return (
    <Stack gap="md" py="md">
      <Title order={2}>Create your vault</Title>
      <Text>
        Your answers, evidence files and signing certificate will be kept in one encrypted vault on
        this computer. Nothing is sent anywhere.
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>
          Choose a passphrase of at least 12 characters that is not easy to guess (no repeated word
          or pattern). Four unrelated words work well.
        </List.Item>
        <List.Item>
          Next you will get a recovery key: the only way back in if the passphrase is forgotten.
        </List.Item>
      </List>
      <Card
        withBorder
        padding="lg"
        component="form"
        onSubmit={(event) => void submit(event)}
        autoComplete="off"
      >
        <Stack gap="md">
          <PassphraseField
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            withHint
            autoFocus
          />
          <PassphraseField
            label="Repeat the passphrase"
            value={repeat}
            onChange={setRepeat}
            error={mismatch ? 'The two passphrases differ.' : undefined}
          />
          {error !== undefined ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Button
            type="submit"
            loading={busy === 'working'}
            disabled={!hint.acceptable || repeat !== passphrase}
          >
            Create the vault
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
