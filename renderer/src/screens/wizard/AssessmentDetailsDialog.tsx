import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { AssessmentSummary } from '../../../../shared/api/ops/assessments';
import { periodProblem } from '../../../../shared/domain/assessment-period';
import { calendarDateOf, parseCalendarDate } from '../../../../shared/domain/calendar-date';
import { messageFor } from '../../api/messages';
import { useAssessmentStore } from '../../state/assessment-store';

/**
 * The assessment's title and the period it covers, changed after creation.
 * The period rule is checked here as the person types and again by core.
 */
export function AssessmentDetailsDialog({
  summary,
  onClose,
}: {
  readonly summary: AssessmentSummary;
  readonly onClose: () => void;
}) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const [title, setTitle] = useState(summary.title);
  const [periodStart, setPeriodStart] = useState<string>(summary.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState<string>(summary.periodEnd ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | undefined; text: string } | undefined>();

  const start = parseCalendarDate(periodStart);
  const end = parseCalendarDate(periodEnd);
  const typed = periodProblem({ periodStart: start, periodEnd: end }, calendarDateOf(new Date()));
  const problem =
    error ?? (typed === null ? undefined : { field: typed.field, text: typed.message });
  const errorOn = (field: string) => (problem?.field === field ? problem.text : undefined);

  function save() {
    setBusy(true);
    void saveSection('details', { title: title.trim(), periodStart: start, periodEnd: end }).then(
      (result) => {
        setBusy(false);
        if (result.ok) onClose();
        else setError({ field: result.error.path, text: messageFor(result.error) });
      },
    );
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title="Assessment title and period"
      closeButtonProps={{ 'aria-label': 'Close' }}
      // Scroll locking injects a style tag without the CSP nonce.
      lockScroll={false}
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          value={title}
          required
          autoComplete="off"
          data-autofocus
          error={
            errorOn('title') ?? (title.trim() === '' ? 'Give the assessment a title.' : undefined)
          }
          onChange={(event) => {
            setTitle(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Assessment period from"
            value={periodStart}
            autoComplete="off"
            error={errorOn('periodStart')}
            onChange={(event) => {
              setPeriodStart(event.currentTarget.value);
              setError(undefined);
            }}
          />
          <TextInput
            type="date"
            label="Assessment period to"
            value={periodEnd}
            autoComplete="off"
            error={errorOn('periodEnd')}
            onChange={(event) => {
              setPeriodEnd(event.currentTarget.value);
              setError(undefined);
            }}
          />
        </Group>
        {error !== undefined && error.field !== 'title' && !error.field?.startsWith('period') ? (
          <Alert color="red" role="alert">
            {error.text}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={title.trim() === '' || typed !== null} onClick={save}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
