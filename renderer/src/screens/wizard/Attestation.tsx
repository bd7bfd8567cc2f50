import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type {
  AssessmentDetail,
  AssessorInvolvement,
  AttestationInput,
} from '../../../../shared/api/ops/assessments';
import { parseCalendarDate, type CalendarDate } from '../../../../shared/domain/calendar-date';
import { outcomeSoFar, outcomeSoFarLabel } from '../../../../shared/domain/outcome-so-far';
import { messageFor } from '../../api/messages';
import { attestationInputOf } from '../../state/assessment-sections';
import { useAssessmentStore } from '../../state/assessment-store';
import { PLACE_LABELS, useNavigationStore, type Place } from '../../state/navigation-store';
import { SaveIndicator } from './SaveIndicator';
import { SignaturePad } from './SignaturePad';
import { useAutosave } from './use-autosave';
import { LocalTime } from '../dates/LocalTime';
import { ReportExport } from '../report/ReportExport';

/** A date field as YYYY-MM-DD (the browser's date picker, which also takes typing). */
function DateField({
  label,
  value,
  disabled,
  error,
  onChange,
}: {
  readonly label: string;
  readonly value: string | null;
  readonly disabled: boolean;
  /** Why signing was refused over this date, shown under it. */
  readonly error?: string | undefined;
  readonly onChange: (value: CalendarDate | null) => void;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      value={value ?? ''}
      disabled={disabled}
      error={error}
      autoComplete="off"
      w={280}
      onChange={(event) => {
        const text = event.currentTarget.value;
        onChange(parseCalendarDate(text));
      }}
    />
  );
}

/** Names typed one per line, as the list core keeps (blank lines dropped). */
const namesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((name) => name.trim())
    .filter((name) => name !== '');

function Involvement({
  part,
  who,
  value,
  fromPart1b,
  disabled,
  onChange,
}: {
  readonly part: '3c' | '3d';
  readonly who: string;
  readonly value: AssessorInvolvement | null;
  /** What Part 1b already says, shown until this part is filled in. */
  readonly fromPart1b: { readonly company: string; readonly names: readonly string[] };
  readonly disabled: boolean;
  readonly onChange: (value: AssessorInvolvement) => void;
}) {
  const current: AssessorInvolvement = value ?? {
    role: 'performed-testing',
    description: '',
    company: fromPart1b.company,
    names: [...fromPart1b.names],
  };
  const [namesText, setNamesText] = useState(() => current.names.join('\n'));

  return (
    <Card withBorder data-testid={`part-${part}`}>
      <Stack gap="xs">
        <Title order={3} size="h4">{`Part ${part}. ${who} acknowledgement`}</Title>
        {value === null ? (
          <Text size="sm">
            {`Filled in from Part 1b. Check the ${who}'s details and describe what they did; they are saved once you change something here.`}
          </Text>
        ) : null}
        <TextInput
          label={`${who} company`}
          value={current.company}
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => {
            onChange({ ...current, company: event.currentTarget.value });
          }}
        />
        <Textarea
          label={`Names of the ${who} people who took part, one per line`}
          description="Each gets a signature line in the report, left blank for them to sign."
          value={namesText}
          disabled={disabled}
          autosize
          minRows={1}
          autoComplete="off"
          onChange={(event) => {
            setNamesText(event.currentTarget.value);
            onChange({ ...current, names: namesOf(event.currentTarget.value) });
          }}
        />
        <Checkbox
          label={`The ${who} performed the testing procedures`}
          checked={current.role === 'performed-testing'}
          disabled={disabled}
          onChange={(event) => {
            onChange({
              ...current,
              role: event.currentTarget.checked ? 'performed-testing' : 'other-assistance',
            });
          }}
        />
        <Textarea
          label={`What the ${who} did in this assessment`}
          value={current.description}
          disabled={disabled}
          autosize
          minRows={2}
          autoComplete="off"
          onChange={(event) => {
            onChange({ ...current, description: event.currentTarget.value });
          }}
        />
        <Text size="sm">{`The ${who}'s own signature lines are theirs to sign; they stay blank in the report.`}</Text>
      </Stack>
    </Card>
  );
}

function SignedPanel({ detail }: { readonly detail: AssessmentDetail }) {
  const reopen = useAssessmentStore((state) => state.reopen);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();

  return (
    <Alert color="green" title="Signed" data-testid="signed">
      <Stack gap="xs">
        <Text>
          {'Signed on '}
          {detail.signing === null ? null : <LocalTime value={detail.signing.signedAt} withTime />}
          {'. The assessment is frozen: nothing in it can change until it is reopened.'}
        </Text>
        <Button
          variant="default"
          w="fit-content"
          onClick={() => {
            setOpen(true);
          }}
        >
          Reopen…
        </Button>
      </Stack>
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
        }}
        title="Reopen the signed assessment"
        closeButtonProps={{ 'aria-label': 'Close' }}
        // Scroll locking injects a style tag without the CSP nonce.
        lockScroll={false}
      >
        <Stack gap="sm">
          <Text size="sm">
            Reopening is recorded in the audit log, and exports made before it are marked out of
            date. You will need to sign again.
          </Text>
          <Textarea
            label="Why you reopen it"
            value={reason}
            required
            autosize
            minRows={2}
            autoComplete="off"
            data-autofocus
            onChange={(event) => {
              setReason(event.currentTarget.value);
            }}
          />
          {error !== undefined ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setOpen(false);
              }}
            >
              Cancel
            </Button>
            <Button
              disabled={reason.trim() === ''}
              onClick={() => {
                void reopen(reason).then((result) => {
                  if (result.ok) setOpen(false);
                  else setError(messageFor(result.error));
                });
              }}
            >
              Reopen
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Alert>
  );
}

/** AOC Part 3 (outcome, dates, 3a-3d) and Part 4, then signing. */
export function Attestation({ detail }: { readonly detail: AssessmentDetail }) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const sign = useAssessmentStore((state) => state.sign);
  const refresh = useAssessmentStore((state) => state.refresh);
  const go = useNavigationStore((state) => state.go);
  const [attestation, setAttestation] = useState<AttestationInput>(() =>
    attestationInputOf(detail),
  );
  const [signError, setSignError] = useState<string | undefined>();
  /** Why signing was refused, by the field of this screen it is about. */
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string | undefined>>>({});
  const loadReview = useAssessmentStore((state) => state.loadReview);
  const locked = detail.summary.status === 'signed';
  const outcome = detail.attestation.outcome;
  const saqD = outcome.scope !== null;

  // Part 3 follows the answers, which save on their own: read it fresh on arrival.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  useAutosave(
    attestation,
    (value) => {
      void saveSection('attestation', value);
    },
    !locked,
  );

  const update = (patch: Partial<AttestationInput>, field?: string) => {
    setAttestation({ ...attestation, ...patch });
    setSignError(undefined);
    if (field !== undefined) setFieldErrors({ ...fieldErrors, [field]: undefined });
  };

  /** Marks each field of this screen that the review says stands in the way of signing. */
  async function markRefusedFields() {
    await loadReview();
    const review = useAssessmentStore.getState().review;
    const marked: Record<string, string> = {};
    for (const item of review?.items ?? []) {
      const field = item.target.field;
      if (!item.blocksSigning || item.target.screen !== 'attestation' || field === undefined) {
        continue;
      }
      marked[field] =
        marked[field] === undefined ? item.message : `${marked[field]} ${item.message}`;
    }
    setFieldErrors(marked);
    return Object.keys(marked).length;
  }

  async function signNow() {
    const result = await sign();
    if (!result.ok) {
      const marked = await markRefusedFields();
      if (marked > 0) {
        setSignError(
          `${messageFor(result.error)} The fields marked on this screen say what to change; ` +
            'the review lists anything left on other screens.',
        );
        return;
      }
      const screen = result.error.path?.split('.')[0];
      const where =
        screen !== undefined && screen in PLACE_LABELS
          ? ` (see ${PLACE_LABELS[screen as Place]})`
          : '';
      setSignError(`${messageFor(result.error)}${where}`);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Attestation</Title>
        <SaveIndicator />
      </Group>
      {locked ? <SignedPanel detail={detail} /> : null}
      {locked ? (
        <ReportExport
          assessmentId={detail.summary.id}
          exports={detail.exports}
          onExported={() => void refresh()}
        />
      ) : null}
      {detail.exportsStale ? (
        <Alert color="yellow" title="Earlier exports are out of date">
          The assessment was reopened after they were made.
        </Alert>
      ) : null}

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 3. Validation
          </Title>
          <Text size="lg" fw={700} data-testid="part3-status">
            {outcomeSoFarLabel(
              outcomeSoFar(outcome.status, detail.summary.progress),
              detail.summary.progress,
            )}
          </Text>
          {saqD ? (
            <Text data-testid="part3-scope">
              {outcome.scope === 'partial'
                ? 'Partial assessment: some requirements were Not Tested.'
                : 'Full assessment: every requirement was tested.'}
            </Text>
          ) : null}
          <List size="sm">
            {outcome.reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
          {outcome.targetDateRequired ? (
            <DateField
              label="Target Date for Compliance"
              value={attestation.targetDateForCompliance}
              disabled={locked}
              error={fieldErrors.targetDateForCompliance}
              onChange={(targetDateForCompliance) => {
                update({ targetDateForCompliance }, 'targetDateForCompliance');
              }}
            />
          ) : null}
          {detail.attestation.legalExceptions.length > 0 ? (
            <div data-testid="legal-exceptions">
              <Text fw={600}>Legal exceptions</Text>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Requirement</Table.Th>
                    <Table.Th scope="col">How the law prevents meeting it</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {detail.attestation.legalExceptions.map((line) => (
                    <Table.Tr key={line.rowId}>
                      <Table.Td>{line.rowId}</Table.Td>
                      <Table.Td>{line.howLawPrevents}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          ) : null}
          <DateField
            label="Self-assessment completion date"
            value={attestation.completionDate}
            disabled={locked}
            error={fieldErrors.completionDate}
            onChange={(completionDate) => {
              update({ completionDate }, 'completionDate');
            }}
          />
        </Stack>
      </Card>

      <Card withBorder data-testid="acknowledgements">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 3a. Acknowledgements
          </Title>
          {detail.attestation.acknowledgementList.map((statement) => (
            <Checkbox
              key={statement.id}
              label={statement.statement}
              checked={attestation.acknowledgements.includes(statement.id)}
              disabled={locked}
              onChange={(event) => {
                const others = attestation.acknowledgements.filter((id) => id !== statement.id);
                update({
                  acknowledgements: event.currentTarget.checked
                    ? [...others, statement.id]
                    : others,
                });
              }}
            />
          ))}
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 3b. Merchant signature
          </Title>
          <Group align="flex-end">
            <TextInput
              label="Signer name"
              value={attestation.signer.name}
              disabled={locked}
              autoComplete="off"
              error={fieldErrors['signer.name']}
              onChange={(event) => {
                update(
                  { signer: { ...attestation.signer, name: event.currentTarget.value } },
                  'signer.name',
                );
              }}
            />
            <TextInput
              label="Signer title"
              value={attestation.signer.title}
              disabled={locked}
              autoComplete="off"
              error={fieldErrors['signer.title']}
              onChange={(event) => {
                update(
                  { signer: { ...attestation.signer, title: event.currentTarget.value } },
                  'signer.title',
                );
              }}
            />
            <DateField
              label="Date signed"
              value={attestation.signer.date}
              disabled={locked}
              error={fieldErrors['signer.date']}
              onChange={(date) => {
                update({ signer: { ...attestation.signer, date } }, 'signer.date');
              }}
            />
          </Group>
          <SignaturePad
            value={attestation.signer.signature}
            disabled={locked}
            onChange={(signature) => {
              update({ signer: { ...attestation.signer, signature } }, 'signer.signature');
            }}
          />
          {fieldErrors['signer.signature'] !== undefined ? (
            <Text size="sm" c="red.9" data-testid="signature-error">
              {fieldErrors['signer.signature']}
            </Text>
          ) : null}
        </Stack>
      </Card>

      {detail.assessor.qsa !== null ? (
        <Involvement
          part="3c"
          who="QSA"
          value={attestation.qsaInvolvement}
          fromPart1b={{
            company: detail.assessor.qsa.companyName,
            names: [detail.assessor.qsa.leadAssessorName].filter((name) => name.trim() !== ''),
          }}
          disabled={locked}
          onChange={(qsaInvolvement) => {
            update({ qsaInvolvement });
          }}
        />
      ) : null}
      {detail.assessor.isaNames.length > 0 ? (
        <Involvement
          part="3d"
          who="ISA"
          value={attestation.isaInvolvement}
          fromPart1b={{ company: detail.merchant.companyName, names: detail.assessor.isaNames }}
          disabled={locked}
          onChange={(isaInvolvement) => {
            update({ isaInvolvement });
          }}
        />
      ) : null}

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 4. Action plan
          </Title>
          <Checkbox
            label="Our acquirer or a card brand asked for the Part 4 action plan"
            checked={attestation.acquirerAskedForActionPlan}
            disabled={locked}
            onChange={(event) => {
              update({ acquirerAskedForActionPlan: event.currentTarget.checked });
            }}
          />
          {attestation.acquirerAskedForActionPlan &&
          detail.attestation.actionPlanLines.length === 0 ? (
            <Text size="sm">Part 4 is filled in only for a Non-Compliant result.</Text>
          ) : null}
          {attestation.acquirerAskedForActionPlan &&
          detail.attestation.actionPlanLines.length > 0 ? (
            <Table withTableBorder data-testid="action-plan">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Requirement</Table.Th>
                  <Table.Th scope="col">Compliant</Table.Th>
                  <Table.Th scope="col">Remediation date and actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.attestation.actionPlanLines.map((line) => {
                  const entry = attestation.actionPlan[line.principal] ?? {
                    remediationDate: null,
                    actions: '',
                  };
                  const setEntry = (patch: Partial<typeof entry>) => {
                    update({
                      actionPlan: {
                        ...attestation.actionPlan,
                        [line.principal]: { ...entry, ...patch },
                      },
                    });
                  };
                  return (
                    <Table.Tr key={line.principal}>
                      <Table.Th scope="row">{line.label}</Table.Th>
                      <Table.Td>{line.compliant ? 'Yes' : 'No'}</Table.Td>
                      <Table.Td>
                        {line.compliant ? null : (
                          <Stack gap={4}>
                            <DateField
                              label={`${line.label}: remediation date`}
                              value={entry.remediationDate}
                              disabled={locked}
                              onChange={(remediationDate) => {
                                setEntry({ remediationDate });
                              }}
                            />
                            <Textarea
                              label={`${line.label}: remediation actions`}
                              value={entry.actions}
                              disabled={locked}
                              autosize
                              minRows={1}
                              autoComplete="off"
                              onChange={(event) => {
                                setEntry({ actions: event.currentTarget.value });
                              }}
                            />
                          </Stack>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          ) : null}
        </Stack>
      </Card>

      {locked ? null : (
        <Stack gap="xs">
          {signError !== undefined ? (
            <Alert color="red" role="alert" title="Not signed yet">
              {signError}{' '}
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  go('review');
                }}
              >
                Open the review
              </Button>
            </Alert>
          ) : null}
          <Text size="sm">
            Signing freezes the assessment. You can reopen it later; that is recorded.
          </Text>
          <Button
            w="fit-content"
            onClick={() => {
              void signNow();
            }}
          >
            Sign the attestation
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
