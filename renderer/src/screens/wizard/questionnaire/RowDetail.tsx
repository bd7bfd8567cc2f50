import { Alert, Badge, Group, List, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ResolvedQuestionnaire } from '../../../../../shared/questionnaire/types';
import { answerProblems, RESPONSE_OBLIGATIONS } from '../../../../../shared/domain/response-rules';
import { RESPONSE_LABELS, RESPONSES, type Response } from '../../../../../shared/domain/responses';
import { useAssessmentStore, type AnswerDraft } from '../../../state/assessment-store';
import { useCardDataGuard, useSaveRefusal } from '../../card-data/use-card-data-guard';
import { RowEvidence } from '../../evidence/RowEvidence';
import type { QuestionnaireItem } from './items';
import { ResponseFields } from './ResponseFields';

const TESTING_LABELS: Readonly<Record<string, string>> = {
  examine: 'Examine documents or records',
  interview: 'Interview personnel',
  observe: 'Observe processes or the environment',
  test: 'Test system settings',
};

const EMPTY: AnswerDraft = { response: null, payload: {}, notes: '' };

/** Text fields save this long after the last keystroke; a response choice saves at once. */
export const TYPING_SAVE_DELAY_MS = 500;

/** Everything about the active row: our summary and guidance, and its answer. */
export function RowDetail({
  item,
  questionnaire,
  locked,
}: {
  readonly item: QuestionnaireItem;
  readonly questionnaire: ResolvedQuestionnaire;
  readonly locked: boolean;
}) {
  const rowId = item.answerRowId;
  const answer = useAssessmentStore((state) => (rowId === null ? undefined : state.answers[rowId]));
  const setAnswer = useAssessmentStore((state) => state.setAnswer);
  const draft = answer ?? EMPTY;
  const requirement = item.requirement;
  const offered = RESPONSES.filter((response) => questionnaire.allowedResponses.includes(response));
  const problems =
    rowId === null || draft.response === null
      ? []
      : answerProblems(draft, questionnaire.saqType, offered);
  const errors = Object.fromEntries(problems.map((problem) => [problem.field, problem.message]));
  const guard = useCardDataGuard(useSaveRefusal());

  function change(next: AnswerDraft, delay: number) {
    if (rowId !== null) setAnswer(rowId, next, delay);
  }

  return (
    <Stack gap="sm" data-testid="row-detail" data-row={item.key}>
      <div>
        <Text size="sm">{item.group.title}</Text>
        <Title order={3} size="h4" id="row-title">
          {requirement.requirementId} {requirement.title}
        </Title>
        {item.bulletLabel !== null ? (
          <Text fw={600}>
            Bullet {item.answerRowId?.split('#')[1] ?? ''}: {item.bulletLabel}
          </Text>
        ) : null}
      </div>
      <Text>{requirement.summary}</Text>
      {requirement.expectedTesting.length > 0 ? (
        <div>
          <Text fw={600} size="sm">
            Expected testing
          </Text>
          <List size="sm">
            {requirement.expectedTesting.map((method) => (
              <List.Item key={method}>{TESTING_LABELS[method] ?? method}</List.Item>
            ))}
          </List>
        </div>
      ) : null}
      {requirement.guidance !== null ? (
        <div>
          <Text fw={600} size="sm">
            Guidance
          </Text>
          <Text size="sm">{requirement.guidance}</Text>
        </div>
      ) : null}
      {requirement.notes.map((note) => (
        <Alert key={note} color="blue" title="SAQ note">
          {note}
        </Alert>
      ))}
      {requirement.officialNote ? (
        <Text size="sm">
          The official SAQ prints an applicability note for this requirement: read it there.
        </Text>
      ) : null}
      {requirement.formerlyFutureDated !== null ? (
        <Text size="sm">
          This was a best practice until {requirement.formerlyFutureDated.until}; it is required now
          and that history is no reason for Not Applicable.
        </Text>
      ) : null}
      <Text size="xs" data-testid="official-notice">
        {`The official PCI SSC SAQ (version ${questionnaire.version}, revision ${String(questionnaire.revision)}) is the authoritative text.`}{' '}
        {questionnaire.official ? null : (
          <Badge color="orange" variant="light" size="xs">
            Unofficial definition
          </Badge>
        )}
      </Text>

      {rowId === null ? (
        <Alert color="gray" title="No response here">
          The SAQ shows this requirement without response boxes; there is nothing to answer.
        </Alert>
      ) : (
        <>
          <Radio.Group
            label="Response"
            description={`Keys 1 to ${String(offered.length)} in the row list pick these in order.`}
            value={draft.response ?? ''}
            onChange={(value) => {
              change({ ...draft, response: value as Response }, 0);
            }}
          >
            <Group gap="md" mt={4}>
              {offered.map((response, index) => (
                <Radio
                  key={response}
                  value={response}
                  disabled={locked}
                  label={`${String(index + 1)}. ${RESPONSE_LABELS[response]}`}
                />
              ))}
            </Group>
          </Radio.Group>
          {draft.response !== null ? (
            <Text size="sm">{RESPONSE_OBLIGATIONS[draft.response].explanation}</Text>
          ) : null}
          <ResponseFields
            rowKey={rowId}
            response={draft.response}
            payload={draft.payload}
            errors={errors}
            guard={guard}
            disabled={locked}
            onChange={(payload) => {
              change({ ...draft, payload }, TYPING_SAVE_DELAY_MS);
            }}
          />
          <Textarea
            key={`${rowId}-notes`}
            label="Notes (your own, for the record)"
            value={draft.notes}
            {...guard.field('notes', draft.notes, (notes) => {
              change({ ...draft, notes }, 0);
            })}
            disabled={locked}
            autosize
            minRows={2}
            autoComplete="off"
            onChange={(event) => {
              change({ ...draft, notes: event.currentTarget.value }, TYPING_SAVE_DELAY_MS);
            }}
          />
          <RowEvidence key={`${rowId}-evidence`} rowId={rowId} disabled={locked} />
          {problems.length > 0 ? (
            <Alert color="orange" title="Still needed for this row">
              <List size="sm">
                {problems.map((problem) => (
                  <List.Item key={problem.field}>{problem.message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
        </>
      )}
    </Stack>
  );
}
