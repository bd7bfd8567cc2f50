import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { PortableExport } from '../report/PortableExport';

/**
 * The portable copy of any assessment, signed or still a draft, from its row
 * on Home: a draft is what people move to another computer to finish there.
 */
export function PortableCopyButton({
  assessmentId,
  title,
}: {
  readonly assessmentId: string;
  readonly title: string;
}) {
  const [opened, setOpened] = useState(false);

  return (
    <>
      <Button
        size="xs"
        variant="default"
        aria-label={`Portable copy of ${title}`}
        onClick={() => {
          setOpened(true);
        }}
      >
        Portable copy
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
        title={`Portable copy of ${title}`}
        closeButtonProps={{ 'aria-label': 'Close' }}
        size="lg"
      >
        {opened ? <PortableExport assessmentId={assessmentId} /> : null}
      </Modal>
    </>
  );
}
