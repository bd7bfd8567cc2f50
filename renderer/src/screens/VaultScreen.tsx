import { Alert, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import { messageFor } from '../api/messages';
import { useAppStore } from '../state/app-store';

const DOOR_LABEL = {
  desktop: 'Desktop app',
  browser: 'Browser mode',
  cli: 'Command line',
} as const;

/** The first screen: what app this is and whether a vault exists yet. */
export function VaultScreen({ api }: { readonly api: ApiClient }) {
  const info = useAppStore((state) => state.info);
  const loadInfo = useAppStore((state) => state.loadInfo);

  useEffect(() => {
    void loadInfo(api);
  }, [api, loadInfo]);

  if (info.status === 'idle' || info.status === 'loading') {
    return (
      <Group justify="center" p="xl">
        <Loader aria-label="Loading" />
      </Group>
    );
  }

  if (info.status === 'failed') {
    return (
      <Alert color="red" title="The app did not answer" role="alert">
        {messageFor(info.error)}
      </Alert>
    );
  }

  const { value } = info;

  return (
    <Stack gap="md" py="md">
      <Title order={2}>Your compliance vault</Title>
      <Card withBorder padding="lg" aria-labelledby="app-info-heading">
        <Stack gap="xs">
          <Title order={3} size="h4" id="app-info-heading">
            {value.productName}
          </Title>
          <Group gap="xs">
            <Text>Version</Text>
            <Text fw={700} data-testid="app-version">
              {value.version}
            </Text>
            <Badge variant="light" color="gray">
              {DOOR_LABEL[value.door]}
            </Badge>
          </Group>
          <Text data-testid="vault-status">
            {value.vaultExists
              ? 'A vault exists on this computer. Unlock it with your passphrase to continue.'
              : 'No vault exists on this computer yet. A vault keeps your answers and evidence encrypted with your passphrase.'}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
