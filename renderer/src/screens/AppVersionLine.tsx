import { Badge, Group, Text } from '@mantine/core';
import { useAppStore } from '../state/app-store';
import { NAV_BREAKPOINT } from '../state/shell-store';

export const DOOR_LABEL = {
  desktop: 'Desktop app',
  browser: 'Browser mode',
  cli: 'Command line',
} as const;

/** The version and door, shown in the navigation where the narrow header has no room for them. */
export function AppVersionLine() {
  const info = useAppStore((state) => state.info);
  if (info.status !== 'ready') return null;
  return (
    <Group gap="xs" px="sm" py="xs" hiddenFrom={NAV_BREAKPOINT}>
      <Text size="sm">{`Version ${info.value.version}`}</Text>
      <Badge variant="light" color="gray">
        {DOOR_LABEL[info.value.door]}
      </Badge>
    </Group>
  );
}
