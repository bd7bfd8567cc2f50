import { Button, Group, Select, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api/ops/evidence';
import type { Result } from '../../../../shared/api/result';
import { useAssessmentStore } from '../../state/assessment-store';
import { useEvidenceStore } from '../../state/evidence-store';
import { useQuestionnaireStore } from '../../state/questionnaire-store';

/** Links an item to a row of the open assessment, chosen from its questionnaire. */
export function RowLinker({
  item,
  onLinked,
}: {
  readonly item: EvidenceItem;
  readonly onLinked: (result: Result<EvidenceItem>) => void;
}) {
  const detail = useAssessmentStore((state) => state.detail);
  const link = useEvidenceStore((state) => state.link);
  const questionnaireId = detail?.questionnaire.id;
  const loaded = useQuestionnaireStore((state) =>
    questionnaireId === undefined ? undefined : state.byId[questionnaireId],
  );
  const load = useQuestionnaireStore((state) => state.load);
  const [rowId, setRowId] = useState<string | null>(null);

  useEffect(() => {
    if (questionnaireId !== undefined) void load(questionnaireId);
  }, [questionnaireId, load]);

  const options = useMemo(() => {
    if (loaded?.status !== 'ready' || detail === null) return [];
    const linked = new Set(
      item.links
        .filter((existing) => existing.assessmentId === detail.summary.id)
        .map((existing) => existing.rowId),
    );
    return loaded.questionnaire.answerRowIds
      .filter((id) => !linked.has(id))
      .map((id) => ({ value: id, label: id }));
  }, [loaded, detail, item.links]);

  if (detail === null) {
    return <Text size="sm">Open an assessment from Home to link this evidence to its rows.</Text>;
  }

  return (
    <Group align="flex-end" gap="xs">
      <Select
        label={`Link to a row of ${detail.summary.title}`}
        placeholder="Requirement, e.g. 11.3.2"
        searchable
        data={options}
        // A short list that needs no scrolling region (axe: every scrollable region must be
        // reachable by keyboard); typing narrows it.
        limit={8}
        withScrollArea={false}
        value={rowId}
        onChange={setRowId}
        w={280}
        nothingFoundMessage="No such row"
      />
      <Button
        variant="default"
        disabled={rowId === null}
        onClick={() => {
          if (rowId === null) return;
          void link(item.id, detail.summary.id, rowId).then((result) => {
            if (result.ok) setRowId(null);
            onLinked(result);
          });
        }}
      >
        Link
      </Button>
    </Group>
  );
}
