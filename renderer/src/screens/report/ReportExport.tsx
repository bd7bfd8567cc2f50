import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ExportedReport, ReportVariantChoice } from '../../../../shared/api/ops/assessments';
import { formatFingerprint } from '../../../../shared/domain/fingerprint';
import { newRequestId } from '../../api/client';
import { downloadExport } from '../../api/download';
import { messageFor } from '../../api/messages';
import { isDesktop } from '../../api/upload';
import { api } from '../../state/api';
import { PortableExport } from './PortableExport';
import { LocalTime } from '../dates/LocalTime';

const VARIANT_LABEL: Record<ReportVariantChoice, string> = {
  full: 'Full record (SAQ and attestation)',
  aoc: 'Attestation of Compliance only',
};

interface Props {
  readonly assessmentId: string;
  /** Exports made so far, oldest first, as the assessment reports them. */
  readonly exports: readonly ExportedReport[];
  /** Called after a new export so the screen can reload the assessment. */
  readonly onExported: () => void;
}

/**
 * Exports the signed assessment as a signed PDF: the full record for the
 * merchant's files, or the AOC alone for the acquirer. Shows the certificate
 * fingerprint first: it is what the acquirer compares to trust the file.
 */
export function ReportExport({ assessmentId, exports, onExported }: Props) {
  const [running, setRunning] = useState<
    { requestId: string; stage: string; share: number } | undefined
  >();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type !== 'progress') return;
        setRunning((current) =>
          current?.requestId === event.requestId
            ? {
                ...current,
                stage: event.stage,
                share: event.total === null || event.total === 0 ? 0 : event.done / event.total,
              }
            : current,
        );
      }),
    [],
  );

  async function exportVariant(variant: ReportVariantChoice) {
    const requestId = newRequestId();
    setError(undefined);
    setRunning({ requestId, stage: 'starting', share: 0 });
    const result = await api().exportReport({ assessmentId, variant }, { requestId });
    setRunning(undefined);
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') setError(messageFor(result.error));
      return;
    }
    onExported();
    if (isDesktop()) {
      await saveCopy(result.value.fileName);
    } else if (!(await downloadExport(result.value.fileName))) {
      setError(
        'The report was written, but the browser could not download it. Try the file name below.',
      );
    }
  }

  /** Desktop: the save dialog picks where a copy of the export goes; the app keeps its own. */
  async function saveCopy(fileName: string) {
    setSaved(undefined);
    const result = await api().saveReportCopy({ fileName }, { requestId: newRequestId() });
    if (!result.ok) setError(messageFor(result.error));
    else if (result.value !== null) setSaved(result.value.fileName);
  }

  const latest = exports.at(-1);

  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Signed report
          </Title>
          <Text size="sm">
            The PDF is signed with your organisation's certificate. Send the acquirer the
            certificate fingerprint separately (by phone or a second e-mail): it is how they know
            the file came from you unchanged.
          </Text>
          {latest !== undefined ? (
            <Text size="sm">
              Certificate fingerprint (SHA-256):{' '}
              <Code data-testid="certificate-fingerprint">
                {formatFingerprint(latest.certificateFingerprint)}
              </Code>
            </Text>
          ) : null}
          <Group>
            {(['full', 'aoc'] as const).map((variant) => (
              <Button
                key={variant}
                variant={variant === 'full' ? 'filled' : 'default'}
                disabled={running !== undefined}
                onClick={() => void exportVariant(variant)}
              >
                {`Export: ${VARIANT_LABEL[variant]}`}
              </Button>
            ))}
          </Group>
          {running !== undefined ? (
            <Group>
              <Progress
                value={running.share * 100}
                w={240}
                aria-label={`Export progress: ${running.stage}`}
              />
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  void api().cancel(running.requestId);
                }}
              >
                Cancel
              </Button>
            </Group>
          ) : null}
          {error !== undefined ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          {saved !== undefined ? (
            <Alert color="green" role="status">
              {`Saved as ${saved}.`}
            </Alert>
          ) : null}
          {exports.length > 0 ? (
            <Table aria-label="Exported reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Exported</Table.Th>
                  <Table.Th>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {exports.map((entry) => (
                  <Table.Tr key={`${entry.fileName}-${entry.exportedAt}`}>
                    <Table.Td>
                      {isDesktop() ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Save a copy of ${entry.fileName}`}
                          onClick={() => void saveCopy(entry.fileName)}
                        >
                          {entry.fileName}
                        </Button>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => void downloadExport(entry.fileName)}
                        >
                          {entry.fileName}
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>{VARIANT_LABEL[entry.variant]}</Table.Td>
                    <Table.Td>
                      <LocalTime value={entry.exportedAt} withTime />
                    </Table.Td>
                    <Table.Td>
                      {entry.stale
                        ? 'Out of date: made before the assessment was reopened'
                        : 'Current'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Stack>
      </Card>
      <PortableExport assessmentId={assessmentId} />
    </Stack>
  );
}
