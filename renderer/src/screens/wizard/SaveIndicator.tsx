import { Text } from '@mantine/core';
import { messageFor } from '../../api/messages';
import { useAssessmentStore } from '../../state/assessment-store';

/** "Saving…", "Saved" or why not: every change saves by itself, and this says how it went. */
export function SaveIndicator() {
  const saveState = useAssessmentStore((state) => state.saveState);

  let text = '';
  if (saveState.status === 'saving') text = 'Saving…';
  if (saveState.status === 'saved') text = 'Saved';
  if (saveState.status === 'reloaded') text = 'Reloaded: changed in another window';
  if (saveState.status === 'failed') text = `Not saved: ${messageFor(saveState.error)}`;

  return (
    <Text
      role="status"
      size="sm"
      data-testid="save-state"
      c={saveState.status === 'failed' ? 'red.9' : undefined}
      fw={saveState.status === 'failed' ? 600 : undefined}
    >
      {text}
    </Text>
  );
}
