import {
  Alert,
  Anchor,
  Badge,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import type { AssessmentDetail, ReviewSeverity } from '../../../../shared/api/ops/assessments';
import { part2gColumns } from '../../../../shared/domain/outcome';
import { outcomeSoFar, outcomeSoFarLabel } from '../../../../shared/domain/outcome-so-far';
import { RESPONSE_LABELS } from '../../../../shared/domain/responses';
import { useAssessmentStore } from '../../state/assessment-store';
import { PLACE_LABELS, useNavigationStore } from '../../state/navigation-store';
import { TextWithDates } from '../dates/LocalTime';

const SEVERITY_LABELS: Readonly<Record<ReviewSeverity, string>> = {
  missing: 'Missing',
  invalid: 'Invalid',
  inconsistent: 'Inconsistent',
  reconfirm: 'Re-confirm',
  advice: 'Advice',
};
const SEVERITY_COLOURS: Readonly<Record<ReviewSeverity, string>> = {
  missing: 'red',
  invalid: 'red',
  inconsistent: 'orange',
  reconfirm: 'yellow',
  advice: 'gray',
};

/** Everything between the draft and a signature, each with a link to where to fix it. */
export function Review({ detail }: { readonly detail: AssessmentDetail }) {
  const review = useAssessmentStore((state) => state.review);
  const loadReview = useAssessmentStore((state) => state.loadReview);
  const go = useNavigationStore((state) => state.go);

  useEffect(() => {
    void loadReview();
  }, [loadReview]);

  if (review === null) return <Loader aria-label="Loading the review" />;
  const outcome = review.outcome;
  const soFar = outcomeSoFar(outcome.status, review.progress);
  const columns = part2gColumns(detail.questionnaire.saqType);

  return (
    <Stack gap="md">
      <Title order={2}>Review</Title>
      <Alert
        color={soFar === 'in-progress' ? 'blue' : soFar === 'non-compliant' ? 'red' : 'green'}
        title={`Outcome as it stands: ${outcomeSoFarLabel(soFar, review.progress)}${outcome.scope === null || soFar === 'in-progress' ? '' : outcome.scope === 'partial' ? ' (Partial assessment)' : ' (Full assessment)'}`}
        data-testid="review-outcome"
      >
        <List size="sm">
          {outcome.reasons.map((reason) => (
            <List.Item key={reason}>
              <TextWithDates text={reason} />
            </List.Item>
          ))}
        </List>
      </Alert>
      <Text>
        {`${String(review.progress.answered)} of ${String(review.progress.total)} rows answered. `}
        {review.readyToSign
          ? 'Nothing stops you from signing.'
          : 'Fix the items marked as blocking before you sign.'}
      </Text>
      {review.items.length === 0 ? (
        <Text>Nothing is missing, invalid or inconsistent.</Text>
      ) : (
        <List spacing="xs" data-testid="review-items">
          {review.items.map((item, index) => {
            const place = `${PLACE_LABELS[item.target.screen]}${item.target.rowId === undefined ? '' : ` ${item.target.rowId}`}`;
            return (
              <List.Item key={`${item.message}-${String(index)}`}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge color={SEVERITY_COLOURS[item.severity]} variant="light" size="sm">
                    {SEVERITY_LABELS[item.severity]}
                  </Badge>
                  <Text size="sm">
                    <TextWithDates text={item.message} />{' '}
                    <Anchor
                      component="button"
                      size="sm"
                      onClick={() => {
                        go(item.target.screen, item.target.rowId ?? item.target.field);
                      }}
                    >
                      {`Fix it in ${place}`}
                    </Anchor>
                    {item.blocksSigning ? ' (blocks signing)' : ''}
                  </Text>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      <Title order={3} size="h4">
        Part 2g. Responses used per requirement
      </Title>
      <Table withTableBorder data-testid="part-2g">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Requirement</Table.Th>
            {columns.map((response) => (
              <Table.Th key={response} scope="col">
                {RESPONSE_LABELS[response]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.part2g.map((line) => (
            <Table.Tr key={line.principal}>
              <Table.Th scope="row">{line.label}</Table.Th>
              {columns.map((response) => (
                <Table.Td key={response}>{line.used[response] ? 'Yes' : ''}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
