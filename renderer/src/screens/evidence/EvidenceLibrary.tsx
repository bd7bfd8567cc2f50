import './evidence.css';
import { Alert, Badge, Button, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { EVIDENCE_KIND_LABELS } from '../../../../shared/api/ops/evidence';
import { messageFor } from '../../api/messages';
import { useEvidenceStore } from '../../state/evidence-store';
import { useNavigationStore } from '../../state/navigation-store';
import { AddEvidence } from './AddEvidence';
import { formatSize } from './content';
import { EvidenceDetail } from './EvidenceDetail';
import { EvidenceSizeLimit } from './EvidenceSizeLimit';

/** The evidence library: every file in the vault, how to add one, and what each one proves. */
export function EvidenceLibrary() {
  const list = useEvidenceStore((state) => state.list);
  const items = useEvidenceStore((state) => state.items);
  const load = useEvidenceStore((state) => state.load);
  // A link from elsewhere (Home's expired evidence) names the item to open.
  const target = useNavigationStore((state) => state.target);
  const clearTarget = useNavigationStore((state) => state.clearTarget);
  const [selectedId, setSelectedId] = useState<string | null>(target);
  const [deletedNotice, setDeletedNotice] = useState<string | null>(null);
  const selected = items.find((item) => item.id === selectedId) ?? null;
  const detail = useRef<HTMLDivElement>(null);
  const [revealTarget, setRevealTarget] = useState(target !== null);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (target === null) return;
    setSelectedId(target);
    setRevealTarget(true);
    clearTarget();
  }, [target, clearTarget]);

  // Once the linked item is on screen, bring it into view and give it the focus.
  useEffect(() => {
    if (!revealTarget || selected === null || detail.current === null) return;
    detail.current.scrollIntoView({ block: 'start' });
    detail.current.focus();
    setRevealTarget(false);
  }, [revealTarget, selected]);

  return (
    <Stack gap="md">
      <Title order={2}>Evidence</Title>
      <Text>
        Screenshots, scan reports, policies and configuration exports that prove your answers. They
        are kept encrypted inside the vault; one file can support many rows.
      </Text>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Add evidence
        </Title>
        <AddEvidence
          onAdded={(item) => {
            setSelectedId(item.id);
          }}
        />
        <details className="evidence-size-limit">
          <summary>Size limit</summary>
          <EvidenceSizeLimit />
        </details>
      </Paper>

      {deletedNotice !== null ? (
        <Alert color="green" title="Deleted" role="status">
          {deletedNotice}
        </Alert>
      ) : null}

      {list.status === 'failed' ? (
        <Alert color="red" role="alert" title="The evidence list could not be loaded">
          {messageFor(list.error)}
        </Alert>
      ) : null}
      {list.status === 'loading' ? <Loader aria-label="Loading the evidence" /> : null}
      {list.status === 'ready' && items.length === 0 ? <Text>No evidence yet.</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table
            striped
            highlightOnHover
            aria-label="Evidence in the vault"
            data-testid="evidence-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Rows</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-testid="evidence-row">
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-pressed={item.id === selectedId}
                      onClick={() => {
                        setDeletedNotice(null);
                        setSelectedId(item.id === selectedId ? null : item.id);
                      }}
                    >
                      {item.title}
                    </Button>
                  </Table.Td>
                  <Table.Td>{EVIDENCE_KIND_LABELS[item.kind]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} title={item.fileName}>
                      {item.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td data-testid="evidence-size">{formatSize(item.sizeBytes)}</Table.Td>
                  <Table.Td>{item.addedOn}</Table.Td>
                  <Table.Td>
                    {item.expiresOn ?? '—'}{' '}
                    {item.expired ? (
                      <Badge color="red" variant="light" size="sm">
                        Expired
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {item.links.length === 0
                      ? 'None'
                      : item.links.map((link) => link.rowId).join(', ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      {selected !== null ? (
        <Paper
          withBorder
          p="md"
          ref={detail}
          tabIndex={-1}
          aria-label={`Evidence item: ${selected.title}`}
        >
          <EvidenceDetail
            key={selected.id}
            item={selected}
            onDeleted={(text) => {
              setSelectedId(null);
              setDeletedNotice(text);
            }}
          />
        </Paper>
      ) : null}
    </Stack>
  );
}
