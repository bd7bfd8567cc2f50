import './app-shell.css';
import {
  Alert,
  AppShell,
  Badge,
  Burger,
  Button,
  Container,
  Group,
  Text,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import type { Connection } from './api/client';
import { DOOR_LABEL } from './screens/AppVersionLine';
import { VaultGate } from './screens/vault/VaultGate';
import { VerifyReport } from './screens/verify/VerifyReport';
import { WizardShell } from './screens/wizard/WizardShell';
import { setApi } from './state/api';
import { useAppStore } from './state/app-store';
import { useNavigationStore } from './state/navigation-store';
import { MAIN_NAV_ID, NAV_BREAKPOINT, NAV_TOGGLE_ID, useShellStore } from './state/shell-store';
import { useVaultStore } from './state/vault-store';

function AppHeader() {
  const info = useAppStore((state) => state.info);
  const unlocked = useVaultStore((state) => state.status?.state === 'unlocked');
  const lock = useVaultStore((state) => state.lock);
  const go = useNavigationStore((state) => state.go);
  const navPresent = useShellStore((state) => state.navPresent);
  const navOpened = useShellStore((state) => state.navOpened);
  const toggleNav = useShellStore((state) => state.toggleNav);

  // One line at every width: the title gives way (ellipsis) and the version
  // moves into the navigation on narrow windows, so the header never grows
  // past its fixed height over the page.
  return (
    <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="xs" wrap="nowrap" miw={0}>
        {navPresent ? (
          <Burger
            id={NAV_TOGGLE_ID}
            opened={navOpened}
            onClick={toggleNav}
            hiddenFrom={NAV_BREAKPOINT}
            size="sm"
            aria-label="Navigation"
            aria-expanded={navOpened}
            aria-controls={MAIN_NAV_ID}
          />
        ) : null}
        <Title order={1} className="app-title">
          PCI SAQ Assistant
        </Title>
      </Group>
      {info.status === 'ready' ? (
        <Group gap="xs" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" visibleFrom={NAV_BREAKPOINT}>
            <Text size="sm" className="app-nowrap">
              Version <span data-testid="app-version">{info.value.version}</span>
            </Text>
            <Badge variant="light" color="gray">
              {DOOR_LABEL[info.value.door]}
            </Badge>
          </Group>
          {/* Verifying needs no vault: reachable before unlock too (after, it is in the navigation). */}
          <Button
            size="xs"
            variant="default"
            visibleFrom={navPresent ? NAV_BREAKPOINT : undefined}
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
  const navPresent = useShellStore((state) => state.navPresent);
  const navOpened = useShellStore((state) => state.navOpened);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={
        navPresent
          ? { width: 240, breakpoint: NAV_BREAKPOINT, collapsed: { mobile: !navOpened } }
          : undefined
      }
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <AppHeader />
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl" px={0}>
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
