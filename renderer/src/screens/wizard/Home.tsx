import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import type {
  AssessmentSummary,
  DueItem,
  NextYearAssessment,
} from '../../../../shared/api/ops/assessments';
import { parseCalendarDate } from '../../../../shared/domain/calendar-date';
import { outcomeSoFarLabel } from '../../../../shared/domain/outcome-so-far';
import { SAQ_TYPE_LABELS } from '../../../../shared/domain/saq-catalog';
import type { CatalogueEntry } from '../../../../shared/questionnaire/types';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';
import { useAssessmentStore } from '../../state/assessment-store';
import { useNavigationStore } from '../../state/navigation-store';
import { useCardDataGuard } from '../card-data/use-card-data-guard';
import { formatLocalDate, LocalTime, TextWithDates } from '../dates/LocalTime';
import { ImportAssessment } from '../portable/ImportAssessment';
import { PortableCopyButton } from '../portable/PortableCopyButton';
import { NextYearConfirm } from './NextYearConfirm';

const DUE_COLOURS: Readonly<Record<DueItem['status'], string>> = {
  overdue: 'red',
  'due-now': 'orange',
  'due-soon': 'yellow',
  upcoming: 'gray',
};
const DUE_ORDER: readonly DueItem['status'][] = ['overdue', 'due-now', 'due-soon', 'upcoming'];
const DUE_LABELS: Readonly<Record<DueItem['status'], string>> = {
  overdue: 'Overdue',
  'due-now': 'Due now',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
};

function Period({ summary }: { readonly summary: AssessmentSummary }) {
  if (summary.periodStart === null && summary.periodEnd === null) return <>Not set</>;

  return (
    <>
      {summary.periodStart === null ? '…' : <LocalTime value={summary.periodStart} />}
      {' to '}
      {summary.periodEnd === null ? '…' : <LocalTime value={summary.periodEnd} />}
    </>
  );
}

/**
 * The period and creation time under an assessment's title: two assessments
 * may carry the same title (an import, next year's copy), and these tell them apart.
 */
function AssessmentDistinction({ assessment }: { readonly assessment: AssessmentSummary }) {
  return (
    <Text size="xs">
      {'Period '}
      <Period summary={assessment} />
      {' · created '}
      <LocalTime value={assessment.createdAt} withTime />
    </Text>
  );
}

/** An expired evidence item is not merely overdue: it no longer proves anything. */
function dueLabel(item: DueItem): string {
  return item.kind === 'evidence-expiry' && item.status === 'overdue'
    ? 'Expired'
    : DUE_LABELS[item.status];
}

function StartNew({ onStarted }: { readonly onStarted: (id: string) => void }) {
  const create = useAssessmentStore((state) => state.create);
  const [entries, setEntries] = useState<readonly CatalogueEntry[]>([]);
  const [title, setTitle] = useState(`PCI DSS self-assessment ${String(new Date().getFullYear())}`);
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const guard = useCardDataGuard(error);

  useEffect(() => {
    void api()
      .listQuestionnaires({})
      .then((result) => {
        if (!result.ok) return;
        const usable = result.value.entries.filter(
          (entry) => entry.kind === 'saq' && entry.usable && entry.id !== null,
        );
        setEntries(usable);
        setQuestionnaireId(
          (current) =>
            current ?? usable.find((entry) => entry.saqType === 'A')?.id ?? usable[0]?.id ?? null,
        );
      });
  }, []);

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Start a new assessment
        </Title>
        <Group align="flex-end">
          <TextInput
            label="Name of the assessment"
            value={title}
            {...guard.field('title', title, setTitle)}
            autoComplete="off"
            w={{ base: '100%', xs: 320 }}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
            }}
          />
          <Select
            label="SAQ to start with (the SAQ choice step can change it)"
            value={questionnaireId}
            autoComplete="off"
            w={{ base: '100%', xs: 380 }}
            data={entries.map((entry) => ({
              value: entry.id ?? '',
              label: `${entry.saqType === null ? (entry.title ?? entry.file) : SAQ_TYPE_LABELS[entry.saqType]} v${entry.version ?? '?'}${entry.official ? '' : ' (unofficial)'}`,
            }))}
            onChange={setQuestionnaireId}
          />
          <TextInput
            type="date"
            label="Assessment period from"
            value={periodStart}
            autoComplete="off"
            onChange={(event) => {
              setPeriodStart(event.currentTarget.value);
            }}
          />
          <TextInput
            type="date"
            label="Assessment period to"
            value={periodEnd}
            autoComplete="off"
            onChange={(event) => {
              setPeriodEnd(event.currentTarget.value);
            }}
          />
          <Button
            loading={busy}
            disabled={questionnaireId === null}
            onClick={() => {
              if (questionnaireId === null) return;
              setBusy(true);
              const period = {
                periodStart: parseCalendarDate(periodStart),
                periodEnd: parseCalendarDate(periodEnd),
              };
              void create(questionnaireId, title, period).then((result) => {
                setBusy(false);
                if (result.ok) onStarted(result.value.id);
                else setError(result.error);
              });
            }}
          >
            Start the assessment
          </Button>
        </Group>
        {error !== null && guard.refusedPath !== 'title' ? (
          <Alert color="red" role="alert">
            {messageFor(error)}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

function NextYearResult({
  result,
  onClose,
  onOpen,
}: {
  readonly result: NextYearAssessment | null;
  readonly onClose: () => void;
  readonly onOpen: (id: string) => void;
}) {
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title="Next year's assessment is ready"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
    >
      {result !== null ? (
        <Stack gap="sm">
          <Text>
            {`${String(result.copiedRowIds.length)} answers were copied as drafts: re-confirm each one. No attestation, signature or dates were carried over.`}
          </Text>
          {result.addedRowIds.length > 0 ? (
            <Text size="sm">{`Rows new in this SAQ: ${result.addedRowIds.join(', ')}`}</Text>
          ) : null}
          {result.removedRowIds.length > 0 ? (
            <Text size="sm">{`Rows no longer asked: ${result.removedRowIds.join(', ')}`}</Text>
          ) : null}
          <Text size="sm">{`${String(result.evidenceLinksKept)} evidence links were kept.`}</Text>
          {result.expiredEvidence.length > 0 ? (
            <Alert color="orange" title="Expired evidence to replace">
              <List size="sm">
                {result.expiredEvidence.map((evidence) => (
                  <List.Item key={evidence.evidenceId}>
                    {`${evidence.title} (expired ${evidence.expiresOn === null ? '' : formatLocalDate(evidence.expiresOn)}), rows ${evidence.rowIds.join(', ')}`}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button
              onClick={() => {
                onOpen(result.assessment.id);
              }}
            >
              Open it
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

const RECORD_LABELS = {
  'asv-scan': 'Date of the last passing ASV scan',
  'service-provider-reconfirmation': 'Date you last confirmed your service providers',
} as const;

/** The "Record the date" button to focus once it is shown again after a save. */
let focusAfterRecording: string | undefined;

/** Today in the reader's time zone, as an ISO calendar date. */
function localToday(): string {
  const now = new Date();
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Lets the person say when a recurring duty was last done, so the next date follows. */
function RecordDone({
  assessment,
  kind,
}: {
  readonly assessment: AssessmentSummary;
  readonly kind: keyof typeof RECORD_LABELS;
}) {
  const recordDone = useAssessmentStore((state) => state.recordDone);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const label = `${RECORD_LABELS[kind]} (${assessment.title})`;
  // After saving, focus goes back to the button that opened the field, not to
  // the page, even when the refreshed list has put the item elsewhere.
  const opener = useRef<HTMLButtonElement>(null);
  const dateField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) dateField.current?.focus();
    else if (focusAfterRecording === label) {
      focusAfterRecording = undefined;
      opener.current?.focus();
    }
  }, [open, label]);

  if (!open || assessment.status === 'signed') {
    return assessment.status === 'signed' ? null : (
      <Button
        ref={opener}
        variant="subtle"
        size="xs"
        ml="xs"
        aria-label={`Record: ${label}`}
        onClick={() => {
          setOpen(true);
        }}
      >
        Record the date
      </Button>
    );
  }
  return (
    <Group gap="xs" mt={4} align="flex-end">
      <TextInput
        type="date"
        size="xs"
        label={label}
        value={date}
        autoComplete="off"
        error={error}
        // The scan or confirmation has happened already: no later than today.
        max={localToday()}
        ref={dateField}
        onChange={(event) => {
          setDate(event.currentTarget.value);
          setError(undefined);
        }}
      />
      <Button
        size="xs"
        disabled={parseCalendarDate(date) === null}
        onClick={() => {
          const on = parseCalendarDate(date);
          if (on === null) return;
          void recordDone(assessment.id, kind, on).then((result) => {
            if (result.ok) {
              focusAfterRecording = label;
              setOpen(false);
            } else setError(messageFor(result.error));
          });
        }}
      >
        Save
      </Button>
    </Group>
  );
}

/** The assessments in this vault, what is due, and the way to start one. */
export function Home({ onOpen }: { readonly onOpen: (id: string) => void }) {
  const list = useAssessmentStore((state) => state.list);
  const loadList = useAssessmentStore((state) => state.loadList);
  const createNextYear = useAssessmentStore((state) => state.createNextYear);
  const go = useNavigationStore((state) => state.go);
  const [nextYear, setNextYear] = useState<NextYearAssessment | null>(null);
  const [nextYearFrom, setNextYearFrom] = useState<AssessmentSummary | null>(null);
  const [creatingNextYear, setCreatingNextYear] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    void loadList();
  }, [loadList]);

  if (list.status !== 'ready') {
    return list.status === 'failed' ? (
      <Alert color="red" role="alert" title="The assessments could not be read">
        {messageFor(list.error)}
      </Alert>
    ) : (
      <Loader aria-label="Loading the assessments" />
    );
  }

  // What is due, by assessment: the assessment with the latest item first,
  // and within one, expired evidence and overdue duties before what is due now.
  const rank = (item: DueItem): number => DUE_ORDER.indexOf(item.status);
  const worst = (items: readonly DueItem[]): number => Math.min(...items.map(rank));
  const due = list.assessments
    .filter((assessment) => assessment.due.length > 0)
    .map((assessment) => ({
      assessment,
      items: [...assessment.due].sort((a, b) => rank(a) - rank(b)),
    }))
    .sort((a, b) => worst(a.items) - worst(b.items));

  return (
    <Stack gap="md">
      <Title order={2}>Home</Title>
      {due.length > 0 ? (
        <Card withBorder data-testid="due">
          <Title order={3} size="h4" mb="xs">
            What is due
          </Title>
          <Stack gap="md">
            {due.map(({ assessment, items }) => (
              <section
                key={assessment.id}
                aria-labelledby={`due-${assessment.id}`}
                data-testid="due-group"
              >
                <Title order={4} size="h5" id={`due-${assessment.id}`}>
                  {assessment.title}
                </Title>
                <AssessmentDistinction assessment={assessment} />
                <List spacing={4} mt={4}>
                  {items.map((item) => (
                    <List.Item key={`${item.kind}-${item.evidenceId ?? ''}`}>
                      <Badge color={DUE_COLOURS[item.status]} variant="light" size="sm" mr="xs">
                        {dueLabel(item)}
                      </Badge>
                      <TextWithDates text={item.message} />
                      {item.kind === 'asv-scan' ||
                      item.kind === 'service-provider-reconfirmation' ? (
                        <RecordDone assessment={assessment} kind={item.kind} />
                      ) : null}
                      {item.kind === 'evidence-expiry' ? (
                        <Anchor
                          component="button"
                          size="sm"
                          ml="xs"
                          onClick={() => {
                            go('evidence', item.evidenceId);
                          }}
                        >
                          {item.status === 'overdue'
                            ? 'Replace it in Evidence'
                            : 'See it in Evidence'}
                        </Anchor>
                      ) : null}
                    </List.Item>
                  ))}
                </List>
              </section>
            ))}
          </Stack>
        </Card>
      ) : null}
      {list.assessments.length === 0 ? (
        <Text>No assessment yet. Start one below; the app walks you through each step.</Text>
      ) : (
        // Wide tables scroll inside their own box, not the page (they are data tables).
        <Table.ScrollContainer minWidth={720} type="native" data-testid="assessments-scroll">
          <Table withTableBorder striped data-testid="assessments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Assessment</Table.Th>
                <Table.Th scope="col">SAQ</Table.Th>
                <Table.Th scope="col">Period</Table.Th>
                <Table.Th scope="col">Progress</Table.Th>
                <Table.Th scope="col">Outcome so far</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.assessments.map((assessment) => (
                <Table.Tr key={assessment.id}>
                  <Table.Td>
                    {assessment.title}
                    <Text size="xs">
                      Created <LocalTime value={assessment.createdAt} withTime />
                    </Text>
                    <Text size="xs">
                      Last changed <LocalTime value={assessment.updatedAt} withTime />
                    </Text>
                  </Table.Td>
                  <Table.Td>{SAQ_TYPE_LABELS[assessment.saqType]}</Table.Td>
                  <Table.Td>
                    <Period summary={assessment} />
                  </Table.Td>
                  <Table.Td>{`${String(assessment.progress.answered)} of ${String(assessment.progress.total)}`}</Table.Td>
                  <Table.Td>{outcomeSoFarLabel(assessment.outcome, assessment.progress)}</Table.Td>
                  <Table.Td>
                    {assessment.status === 'signed' ? 'Signed' : 'Draft'}
                    {assessment.signedAt !== null ? (
                      <Text size="xs">
                        {assessment.status === 'signed' ? 'on ' : 'last signed '}
                        <LocalTime value={assessment.signedAt} withTime />
                      </Text>
                    ) : null}
                    {assessment.changedSinceSigned ? (
                      <Text size="sm" fw={700}>
                        Changed since signed
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        aria-label={`Open ${assessment.title}`}
                        onClick={() => {
                          onOpen(assessment.id);
                        }}
                      >
                        Open
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Start next year's assessment from ${assessment.title}`}
                        onClick={() => {
                          setNextYearFrom(assessment);
                        }}
                      >
                        Start next year’s
                      </Button>
                      <PortableCopyButton assessmentId={assessment.id} title={assessment.title} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {error !== undefined ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      <StartNew onStarted={onOpen} />
      <ImportAssessment onOpen={onOpen} />
      <NextYearConfirm
        previous={nextYearFrom}
        busy={creatingNextYear}
        onCancel={() => {
          setNextYearFrom(null);
        }}
        onConfirm={() => {
          if (nextYearFrom === null) return;
          setCreatingNextYear(true);
          void createNextYear(nextYearFrom.id).then((result) => {
            setCreatingNextYear(false);
            setNextYearFrom(null);
            if (result.ok) setNextYear(result.value);
            else setError(messageFor(result.error));
          });
        }}
      />
      <NextYearResult
        result={nextYear}
        onClose={() => {
          setNextYear(null);
        }}
        onOpen={(id) => {
          setNextYear(null);
          onOpen(id);
        }}
      />
    </Stack>
  );
}
