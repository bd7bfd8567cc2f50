import './questionnaire.css';
import {
  Alert,
  Box,
  Chip,
  Group,
  Loader,
  NavLink,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AssessmentDetail } from '../../../../../shared/api/ops/assessments';
import { answerRowsOf, type Answers } from '../../../../../shared/domain/answer-rows';
import { consistencyFindings } from '../../../../../shared/domain/consistency';
import { answerProblems } from '../../../../../shared/domain/response-rules';
import { RESPONSES } from '../../../../../shared/domain/responses';
import type { ResolvedQuestionnaire } from '../../../../../shared/questionnaire/types';
import { messageFor } from '../../../api/messages';
import { useAssessmentStore } from '../../../state/assessment-store';
import { useNavigationStore } from '../../../state/navigation-store';
import { useQuestionnaireStore } from '../../../state/questionnaire-store';
import { SaveIndicator } from '../SaveIndicator';
import { cachedItems, type QuestionnaireItem } from './items';
import { RowDetail } from './RowDetail';
import { RowList } from './RowList';

type Filter = 'all' | 'unanswered' | 'attention' | 'not-in-place' | 'consistency';

const FILTER_LABELS: Readonly<Record<Filter, string>> = {
  all: 'All rows',
  unanswered: 'Unanswered',
  attention: 'Needs attention',
  'not-in-place': 'Not in Place',
  consistency: 'Consistency warnings',
};

/** How long the active row must stay put before it is saved as the place to resume. */
const RESUME_SAVE_DELAY_MS = 300;

function consistencyRows(
  detail: AssessmentDetail,
  questionnaire: ResolvedQuestionnaire,
  answers: Answers,
): { rows: Set<string>; messages: Map<string, string[]> } {
  const ecommerce = detail.saqChoice.profile?.ecommerce;
  const findings = consistencyFindings({
    saq: questionnaire.saqType,
    rows: answerRowsOf(questionnaire),
    answers,
    facts: {
      serviceProvidersListed: detail.executiveSummary.serviceProviders.providers.length > 0,
      segmentationUsed: detail.executiveSummary.environment.segmentationUsed,
      keepsPaperRecords: detail.executiveSummary.keepsPaperRecords,
      ...(ecommerce === undefined
        ? {}
        : {
            ecommerceIntegration: ecommerce.integration,
            websiteHostedBy: ecommerce.websiteHostedBy,
          }),
    },
  });
  const rows = new Set<string>();
  const messages = new Map<string, string[]>();
  for (const finding of findings) {
    for (const rowId of finding.rowIds) {
      rows.add(rowId);
      messages.set(rowId, [...(messages.get(rowId) ?? []), finding.message]);
    }
  }
  return { rows, messages };
}

function QuestionnaireScreen({
  detail,
  questionnaire,
}: {
  readonly detail: AssessmentDetail;
  readonly questionnaire: ResolvedQuestionnaire;
}) {
  const answers = useAssessmentStore((state) => state.answers);
  const setResume = useAssessmentStore((state) => state.setResume);
  const target = useNavigationStore((state) => state.target);
  const clearTarget = useNavigationStore((state) => state.clearTarget);
  const items = cachedItems(questionnaire);
  const locked = detail.summary.status === 'signed';
  const offered = useMemo(
    () => RESPONSES.filter((response) => questionnaire.allowedResponses.includes(response)),
    [questionnaire],
  );

  const [filter, setFilter] = useState<Filter>('all');
  const [activeKey, setActiveKey] = useState<string | null>(() => {
    const resumeRow = detail.resume?.screen === 'questionnaire' ? detail.resume.rowId : undefined;
    const known = items.find((item) => item.key === (target ?? resumeRow));
    return known?.key ?? items[0]?.key ?? null;
  });

  useEffect(() => {
    if (target !== null && items.some((item) => item.key === target)) {
      setFilter('all');
      setActiveKey(target);
    }
    if (target !== null) clearTarget();
  }, [target, items, clearTarget]);

  // The active row is saved as the place to resume once it stays put, and at
  // once when the screen closes with a move not saved yet.
  const resumeWaiting = useRef<string | null>(null);
  useEffect(() => {
    if (activeKey === null) return;
    resumeWaiting.current = activeKey;
    const timer = setTimeout(() => {
      resumeWaiting.current = null;
      setResume({ screen: 'questionnaire', rowId: activeKey });
    }, RESUME_SAVE_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [activeKey, setResume]);
  useEffect(
    () => () => {
      if (resumeWaiting.current !== null) {
        setResume({ screen: 'questionnaire', rowId: resumeWaiting.current });
      }
    },
    [setResume],
  );

  const attention = useMemo(() => {
    const rows = new Set<string>();
    for (const item of items) {
      if (item.answerRowId === null) continue;
      const answer = answers[item.answerRowId];
      if (answer === undefined || answer.response === null) continue;
      if (answerProblems(answer, questionnaire.saqType, offered).length > 0) rows.add(item.key);
    }
    return rows;
  }, [items, answers, questionnaire.saqType, offered]);

  const consistency = useMemo(
    () => consistencyRows(detail, questionnaire, answers),
    [detail, questionnaire, answers],
  );

  const visible = useMemo(() => {
    const keep = (item: QuestionnaireItem): boolean => {
      const response =
        item.answerRowId === null ? null : (answers[item.answerRowId]?.response ?? null);
      switch (filter) {
        case 'all':
          return true;
        case 'unanswered':
          return item.answerRowId !== null && response === null;
        case 'attention':
          return attention.has(item.key) || consistency.rows.has(item.key);
        case 'not-in-place':
          return response === 'not-in-place';
        case 'consistency':
          return consistency.rows.has(item.key);
      }
    };
    return items.filter(keep);
  }, [items, answers, filter, attention, consistency]);

  const progress = useMemo(() => {
    const groups = new Map<string, { answered: number; total: number }>();
    let answered = 0;
    let total = 0;
    for (const item of items) {
      if (item.answerRowId === null) continue;
      const done = (answers[item.answerRowId]?.response ?? null) !== null;
      const group = groups.get(item.group.principalId) ?? { answered: 0, total: 0 };
      group.total += 1;
      total += 1;
      if (done) {
        group.answered += 1;
        answered += 1;
      }
      groups.set(item.group.principalId, group);
    }
    return { groups, answered, total };
  }, [items, answers]);

  const active = items.find((item) => item.key === activeKey) ?? null;
  const activeVisible = visible.some((item) => item.key === activeKey);

  function pickByKey(index: number) {
    const response = offered[index];
    if (locked || active === null || active.answerRowId === null || response === undefined) return;
    const current = useAssessmentStore.getState().answers[active.answerRowId];
    useAssessmentStore
      .getState()
      .setAnswer(
        active.answerRowId,
        { response, payload: current?.payload ?? {}, notes: current?.notes ?? '' },
        0,
      );
  }

  const overall = progress.total === 0 ? 0 : (progress.answered / progress.total) * 100;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Questionnaire</Title>
          <Text size="sm">{questionnaire.title}</Text>
        </div>
        <SaveIndicator />
      </Group>
      <Box>
        <Text size="sm" id="overall-progress-label">
          {`${String(progress.answered)} of ${String(progress.total)} rows answered`}
        </Text>
        <Progress.Root>
          <Progress.Section value={overall} aria-label="Overall progress" />
        </Progress.Root>
      </Box>
      {locked ? (
        <Alert color="blue" title="Signed">
          This assessment is signed, so its answers cannot change. Reopen it from the Attestation
          step to change them.
        </Alert>
      ) : null}
      <Chip.Group
        multiple={false}
        value={filter}
        onChange={(value) => {
          setFilter(value);
        }}
      >
        <Group gap="xs" role="group" aria-label="Show rows">
          {(Object.keys(FILTER_LABELS) as Filter[]).map((key) => (
            <Chip key={key} value={key} size="sm">
              {FILTER_LABELS[key]}
              {key === 'consistency' && consistency.rows.size > 0
                ? ` (${String(consistency.rows.size)})`
                : ''}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {/* Three columns, two (groups over rows beside the detail) or one stack,
          by the width this screen gets: see questionnaire.css. */}
      <div className="q-frame">
        <div className="q-layout">
          <nav aria-label="Requirement groups" className="q-groups">
            {questionnaire.groups.map((group) => {
              const counts = progress.groups.get(group.principalId) ?? { answered: 0, total: 0 };
              const first = items.find((item) => item.group.principalId === group.principalId);
              return (
                <NavLink
                  key={group.principalId}
                  component="button"
                  label={`${group.principalId}. ${group.title}`}
                  description={
                    counts.total === 0
                      ? 'Nothing to answer'
                      : `${String(counts.answered)} of ${String(counts.total)} answered`
                  }
                  active={active?.group.principalId === group.principalId}
                  onClick={() => {
                    if (first === undefined) return;
                    setFilter('all');
                    setActiveKey(first.key);
                  }}
                />
              );
            })}
          </nav>
          <div className="q-rows">
            {visible.length === 0 ? (
              <Text>No rows match this filter.</Text>
            ) : (
              <RowList
                items={visible}
                activeKey={activeVisible ? activeKey : null}
                attention={attention}
                onActivate={setActiveKey}
                onResponseKey={pickByKey}
                label={`Questionnaire rows (arrow keys or j and k move, 1 to ${String(offered.length)} pick a response)`}
              />
            )}
          </div>
          <div className="q-detail">
            {active !== null ? (
              <Stack gap="sm">
                {(consistency.messages.get(active.key) ?? []).map((message) => (
                  <Alert key={message} color="orange" title="Consistency warning">
                    {message}
                  </Alert>
                ))}
                <RowDetail item={active} questionnaire={questionnaire} locked={locked} />
              </Stack>
            ) : null}
          </div>
        </div>
      </div>
    </Stack>
  );
}

/** Loads the pinned questionnaire of the open assessment, then shows it. */
export function Questionnaire() {
  const detail = useAssessmentStore((state) => state.detail);
  const questionnaireId = detail?.questionnaire.id ?? null;
  const loaded = useQuestionnaireStore((state) =>
    questionnaireId === null ? undefined : state.byId[questionnaireId],
  );
  const load = useQuestionnaireStore((state) => state.load);

  useEffect(() => {
    if (questionnaireId !== null) void load(questionnaireId);
  }, [questionnaireId, load]);

  if (detail === null) return null;
  if (loaded === undefined || loaded.status === 'loading') {
    return <Loader aria-label="Loading the questionnaire" />;
  }
  if (loaded.status === 'failed') {
    return (
      <Alert color="red" role="alert" title="The questionnaire could not be opened">
        {messageFor(loaded.error)}
      </Alert>
    );
  }
  return <QuestionnaireScreen detail={detail} questionnaire={loaded.questionnaire} />;
}
