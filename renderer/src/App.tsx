import { Alert, AppShell, Container, Group, Text, Title } from '@mantine/core';
import type { Connection } from './api/client';
import { VaultScreen } from './screens/VaultScreen';

export function App({ connection }: { readonly connection: Connection }) {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Title order={1} size="h3">
            PCI SAQ Assistant
          </Title>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md">
          {connection.kind === 'none' ? (
            <Alert color="red" title="Not connected" role="alert">
              <Text>
                This page was opened without its access key. Open the full address that was printed
                when browser mode started (it ends with <code>#token=…</code>).
              </Text>
            </Alert>
          ) : (
            <VaultScreen api={connection.client} />
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
