import './evidence.css';
import { Alert, Badge, Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import { EVIDENCE_KIND_LABELS } from '../../../../shared/api/ops/evidence';
import type { Result } from '../../../../shared/api/result';
import { messageFor } from '../../api/messages';
import { useAssessmentStore } from '../../state/assessment-store';
import { useEvidenceStore } from '../../state/evidence-store';
import { AddEvidence } from './AddEvidence';
import { formatSize } from './content';
import { LocalTime } from '../dates/LocalTime';

/**
 * "Evidence for this row", for the questionnaire's row view: the items linked
 * to one answer row, attaching an item already in the vault, and adding a new
 * file that is linked as soon as it is in.
 *
 * @param assessmentId the assessment; the open one when left out
 * @param rowId the answer row id (a requirement, or one bullet of it)
 * @param disabled true while the assessment is signed: links are shown, not changed
 */
export function RowEvidence({
  assessmentId: givenAssessmentId,
  rowId,
  disabled = false,
}: {
  readonly assessmentId?: string;
  readonly rowId: string;
  readonly disabled?: boolean;
}) {
  const openAssessmentId = useAssessmentStore((state) => state.detail?.summary.id);
  const assessmentId = givenAssessmentId ?? openAssessmentId ?? '';
  const list = useEvidenceStore((state) => state.list);
  const items = useEvidenceStore((state) => state.items);
  const load = useEvidenceStore((state) => state.load);
  const link = useEvidenceStore((state) => state.link);
  const unlink = useEvidenceStore((state) => state.unlink);
  const [attachId, setAttachId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (list.status === 'idle') void load();
  }, [list.status, load]);

  const supportsRow = (item: (typeof items)[number]) =>
    item.links.some(
      (existing) => existing.assessmentId === assessmentId && existing.rowId === rowId,
    );
  const linked = items.filter(supportsRow);
  const others = items
    .filter((item) => !supportsRow(item))
    .map((item) => ({ value: item.id, label: `${item.title} (${item.fileName})` }));

  function settle(result: Result<unknown>) {
    setError(result.ok ? null : result.error);
  }

  const headingId = `row-evidence-${rowId}`;
  if (assessmentId === '') return null;

  return (
    <Stack gap="xs" data-testid="row-evidence" aria-labelledby={headingId} role="group">
      <Text fw={600} size="sm" id={headingId}>
        Evidence for this row
      </Text>
      {linked.length === 0 ? (
        <Text size="sm">No evidence linked yet.</Text>
      ) : (
        <List size="sm" aria-labelledby={headingId}>
          {linked.map((item) => (
            <List.Item key={item.id}>
              <Group gap="xs">
                <Text size="sm">
                  {`${item.title} · ${EVIDENCE_KIND_LABELS[item.kind]} · ${formatSize(item.sizeBytes)}`}
                </Text>
                {item.expired ? (
                  <Badge color="red" variant="light" size="sm">
                    Expired
                    {item.expiresOn === null ? null : (
                      <>
                        {' '}
                        <LocalTime value={item.expiresOn} />
                      </>
                    )}
                  </Badge>
                ) : null}
                {disabled ? null : (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`Unlink ${item.title} from this row`}
                    onClick={() => {
                      void unlink(item.id, assessmentId, rowId).then(settle);
                    }}
                  >
                    Unlink
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {disabled ? null : (
        <>
          {others.length > 0 ? (
            <Group align="flex-end" gap="xs">
              <Select
                label="Attach evidence already in the vault"
                placeholder="Choose an item"
                searchable
                data={others}
                // A short list that needs no scrolling region (axe: every scrollable region must be
                // reachable by keyboard); typing narrows it.
                limit={8}
                withScrollArea={false}
                value={attachId}
                onChange={setAttachId}
                w={320}
              />
              <Button
                variant="default"
                disabled={attachId === null}
                onClick={() => {
                  if (attachId === null) return;
                  void link(attachId, assessmentId, rowId).then((result) => {
                    if (result.ok) setAttachId(null);
                    settle(result);
                  });
                }}
              >
                Attach
              </Button>
            </Group>
          ) : null}
          <div>
            <Button
              variant="default"
              size="xs"
              aria-expanded={adding}
              onClick={() => {
                setAdding(!adding);
              }}
            >
              {adding ? 'Close: add new evidence' : 'Add new evidence…'}
            </Button>
          </div>
          {adding ? (
            <AddEvidence
              idPrefix={`row-evidence-add-${rowId}`}
              onAdded={async (item) => {
                settle(await link(item.id, assessmentId, rowId));
              }}
            />
          ) : null}
        </>
      )}
      {error !== null ? (
        <Alert color="red" role="alert" title="That did not work">
          {messageFor(error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
