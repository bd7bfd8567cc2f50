import { Alert, AppShell, Badge, Button, Container, Group, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { Connection } from './api/client';
import { VaultGate } from './screens/vault/VaultGate';
import { VerifyReport } from './screens/verify/VerifyReport';
import { WizardShell } from './screens/wizard/WizardShell';
import { setApi } from './state/api';
import { useAppStore } from './state/app-store';
import { useNavigationStore } from './state/navigation-store';
import { useVaultStore } from './state/vault-store';

const DOOR_LABEL = {
  desktop: 'Desktop app',
  browser: 'Browser mode',
  cli: 'Command line',
} as const;

function AppHeader() {
  const info = useAppStore((state) => state.info);
  const unlocked = useVaultStore((state) => state.status?.state === 'unlocked');
  const lock = useVaultStore((state) => state.lock);
  const go = useNavigationStore((state) => state.go);

  return (
    <Group h="100%" px="md" justify="space-between">
      <Title order={1} size="h3">
        PCI SAQ Assistant
      </Title>
      {info.status === 'ready' ? (
        <Group gap="xs">
          <Text size="sm">
            Version <span data-testid="app-version">{info.value.version}</span>
          </Text>
          <Badge variant="light" color="gray">
            {DOOR_LABEL[info.value.door]}
          </Badge>
          {/* Verifying needs no vault: reachable before unlock too. */}
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              go('verify');
            }}
          >
            Verify a report
          </Button>
          {unlocked ? (
            <Button size="xs" variant="default" onClick={() => void lock()}>
              Lock
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Group>
  );
}

function Connected({
  connection,
}: {
  readonly connection: Extract<Connection, { client: unknown }>;
}) {
  const loadInfo = useAppStore((state) => state.loadInfo);
  const lockedElsewhere = useVaultStore((state) => state.lockedElsewhere);
  const verifying = useNavigationStore((state) => state.place === 'verify');
  const unlocked = useVaultStore((state) => state.status?.state === 'unlocked');
  const go = useNavigationStore((state) => state.go);

  useEffect(() => {
    void loadInfo(connection.client);
    return connection.client.onEvent((event) => {
      if (event.type === 'vault-locked') lockedElsewhere();
    });
  }, [connection, loadInfo, lockedElsewhere]);

  // Before unlock the verify screen stands alone; after, the shell shows it with its navigation.
  if (verifying && !unlocked) {
    return (
      <VerifyReport
        onBack={() => {
          go('home');
        }}
      />
    );
  }

  return (
    <VaultGate>
      <WizardShell />
    </VaultGate>
  );
}

export function App({ connection }: { readonly connection: Connection }) {
  if (connection.kind !== 'none') setApi(connection.client);

  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <AppHeader />
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl">
          {connection.kind === 'none' ? (
            <Alert color="red" title="Not connected" role="alert">
              <Text>
                This page was opened without its access key. Open the full address that was printed
                when browser mode started (it ends with <code>#token=…</code>).
              </Text>
            </Alert>
          ) : (
            <Connected connection={connection} />
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
