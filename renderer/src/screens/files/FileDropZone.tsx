import { Button, Group, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useRef } from 'react';
import { isDesktop } from '../../api/upload';

/**
 * Where a file comes into the app: dropped on the zone, or chosen with its
 * button. In the desktop window the button asks the main side's open dialog
 * (files never travel as paths from the page); in browser mode it opens the
 * browser's own chooser. A dropped or browser-chosen File goes to `onFile`.
 */
export function FileDropZone({
  label,
  prompt,
  chooseLabel,
  busy,
  onFile,
  onChooseInDesktop,
  onReject,
  inputId,
  minHeight = 72,
}: {
  /** The hidden file input's accessible name. */
  readonly label: string;
  readonly prompt: string;
  readonly chooseLabel: string;
  readonly busy: boolean;
  readonly onFile: (file: File) => void;
  readonly onChooseInDesktop: () => Promise<void>;
  readonly onReject?: () => void;
  readonly inputId?: string;
  readonly minHeight?: number;
}) {
  const openBrowserChooser = useRef<() => void>(null);

  return (
    <Dropzone
      onDrop={(files) => {
        const file = files[0];
        if (file !== undefined && !busy) onFile(file);
      }}
      onReject={onReject ?? (() => undefined)}
      multiple={false}
      openRef={openBrowserChooser}
      activateOnClick={false}
      activateOnKeyboard={false}
      // Mantine turns pointer events off inside the zone; the button needs them.
      enablePointerEvents
      disabled={busy}
      inputProps={{ 'aria-label': label, ...(inputId === undefined ? {} : { id: inputId }) }}
    >
      <Group justify="center" gap="md" mih={minHeight}>
        <Text size="sm">{prompt}</Text>
        <Button
          variant="default"
          disabled={busy}
          onClick={(event) => {
            // The drop zone would open its own chooser on this click otherwise.
            event.stopPropagation();
            if (isDesktop()) void onChooseInDesktop();
            else openBrowserChooser.current?.();
          }}
        >
          {chooseLabel}
        </Button>
      </Group>
    </Dropzone>
  );
}
