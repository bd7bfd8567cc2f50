import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { AssessmentSummary } from '../../../../shared/api/ops/assessments';
import { isCalendarDate } from '../../../../shared/domain/calendar-date';
import { followingPeriod, nextYearTitle } from '../../../../shared/domain/next-year';
import { LocalTime } from '../dates/LocalTime';

/** Today in the reader's time zone; core checks the period again by the vault's clock. */
function localToday() {
  const now = new Date();
  const pad = (part: number) => String(part).padStart(2, '0');
  const today = `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return isCalendarDate(today) ? today : null;
}

/**
 * Says what "Start next year's" will make, and makes it only when the person
 * agrees: a new assessment is not undone by closing a dialog.
 */
export function NextYearConfirm({
  previous,
  busy,
  onConfirm,
  onCancel,
}: {
  readonly previous: AssessmentSummary | null;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const today = localToday();
  const title = previous === null ? '' : nextYearTitle(previous.title, previous.saqType);
  const period =
    previous === null || today === null
      ? { periodStart: null, periodEnd: null }
      : followingPeriod(previous.periodEnd, today);

  return (
    <Modal
      opened={previous !== null}
      onClose={onCancel}
      title="Start next year’s assessment?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
    >
      {previous !== null ? (
        <Stack gap="sm">
          <Text>{`A new draft is made from “${previous.title}”:`}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{`Title: ${title} (you can change it later)`}</List.Item>
            <List.Item>
              {'Period: '}
              {period.periodStart === null || period.periodEnd === null ? (
                'not set; enter it in the new assessment'
              ) : (
                <>
                  <LocalTime value={period.periodStart} />
                  {' to '}
                  <LocalTime value={period.periodEnd} />
                </>
              )}
            </List.Item>
            <List.Item>
              Last year’s answers are copied as drafts for you to re-confirm, with the merchant
              profile and evidence links. No attestation, signature or dates are carried over.
            </List.Item>
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={onConfirm} loading={busy}>
              Create it
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
