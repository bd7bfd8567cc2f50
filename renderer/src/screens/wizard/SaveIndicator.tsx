import { Text } from '@mantine/core';
import { messageFor } from '../../api/messages';
import { useAssessmentStore } from '../../state/assessment-store';

/**
 * "Saving…", "Saved" or why not: every change saves by itself, and this says how it went.
 * `fieldRefused`: a field on the screen shows an error, so what it shows is not what is saved.
 */
export function SaveIndicator({ fieldRefused = false }: { readonly fieldRefused?: boolean }) {
  const saveState = useAssessmentStore((state) => state.saveState);

  let text = '';
  if (saveState.status === 'saving') text = 'Saving…';
  if (saveState.status === 'saved') text = 'Saved';
  if (saveState.status === 'reloaded') text = 'Reloaded: changed in another window';
  if (saveState.status === 'failed') text = `Not saved: ${messageFor(saveState.error)}`;
  const failed = saveState.status === 'failed' || fieldRefused;
  if (fieldRefused) text = 'Not saved: fix the marked field';

  return (
    <Text
      role="status"
      size="sm"
      data-testid="save-state"
      c={failed ? 'red.9' : undefined}
      fw={failed ? 600 : undefined}
    >
      {text}
    </Text>
  );
}
