import {
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CreatedVault } from '../../../../shared/api/ops/vault';
import { useVaultStore } from '../../state/vault-store';

/** Key groups compared without spaces, hyphens or case. */
function sameKey(typed: string, key: string): boolean {
  // Read O as 0 and I or L as 1, as unlocking does: they are easy to mistake on paper.
  const plain = (text: string) =>
    text.replace(/[\s-]/g, '').toUpperCase().replaceAll('O', '0').replace(/[IL]/g, '1');
  return plain(typed) === plain(key);
}

/**
 * The recovery key, shown once. The person confirms they kept it by typing
 * its last group, so that it is not dismissed unread.
 */
export function RecoveryKeyShown({ created }: { readonly created: CreatedVault }) {
  const confirm = useVaultStore((state) => state.confirmRecoveryKeySaved);
  const [kept, setKept] = useState(false);
  const [lastGroup, setLastGroup] = useState('');
  const expectedLast = created.recoveryKeyGroups.at(-1) ?? '';
  const typedRight = sameKey(lastGroup, expectedLast);

  // The key cannot be shown again: ask before the page is reloaded or closed.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, []);

  return (
    <Stack gap="md" py="md">
      <Title order={2}>Your recovery key</Title>
      <Alert color="orange" title="Shown only this once">
        Write this key on paper or print this page, and keep it somewhere safe away from this
        computer. If you forget your passphrase, it is the only way back into your vault. Nobody
        else, including the makers of this app, can recover it.
      </Alert>
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" aria-label="Recovery key groups">
          {created.recoveryKeyGroups.map((group, index) => (
            <Code
              key={`${String(index)}-${group}`}
              fz="lg"
              ta="center"
              p="xs"
              data-testid="recovery-key-group"
            >
              {group}
            </Code>
          ))}
        </SimpleGrid>
      </Card>
      <Button
        variant="default"
        onClick={() => {
          window.print();
        }}
        w="fit-content"
      >
        Print this page
      </Button>
      <Checkbox
        label="I have written down or printed the recovery key and put it somewhere safe."
        checked={kept}
        onChange={(event) => {
          setKept(event.currentTarget.checked);
        }}
      />
      <TextInput
        label="To confirm, type the last group of the key"
        value={lastGroup}
        onChange={(event) => {
          setLastGroup(event.currentTarget.value);
        }}
        autoComplete="off"
        spellCheck={false}
        w={260}
        error={
          lastGroup.length >= expectedLast.length && !typedRight
            ? 'That is not the last group.'
            : undefined
        }
      />
      <Text size="sm">
        The vault is already created and unlocked; this step only makes sure the key is kept.
      </Text>
      <Button onClick={confirm} disabled={!kept || !typedRight} w="fit-content">
        Continue
      </Button>
    </Stack>
  );
}
