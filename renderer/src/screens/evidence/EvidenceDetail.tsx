import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import {
  EVIDENCE_KIND_LABELS,
  type EvidenceItem,
  type EvidenceKind,
} from '../../../../shared/api/ops/evidence';
import type { Result } from '../../../../shared/api/result';
import { maskCardData } from '../../../../shared/domain/card-data';
import { messageFor } from '../../api/messages';
import { isDesktop } from '../../api/upload';
import { api } from '../../state/api';
import { useAssessmentStore } from '../../state/assessment-store';
import { useEvidenceStore } from '../../state/evidence-store';
import { KIND_OPTIONS } from './AddEvidence';
import { downloadEvidenceCopy, formatSize } from './content';
import { EvidencePreview } from './EvidencePreview';
import { CardDataRefusal, TEXT_CHECK_NOTES } from './explanations';
import { RowLinker } from './RowLinker';
import { LocalTime } from '../dates/LocalTime';

type Notice =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly error: ApiError }
  | { readonly kind: 'done'; readonly text: string };

function EditForm({
  item,
  onDone,
}: {
  readonly item: EvidenceItem;
  readonly onDone: (result: Result<EvidenceItem> | null) => void;
}) {
  const update = useEvidenceStore((state) => state.update);
  const [title, setTitle] = useState(item.title);
  const [description, setDescription] = useState(item.description);
  const [kind, setKind] = useState<EvidenceKind>(item.kind);
  const [effectiveOn, setEffectiveOn] = useState(item.effectiveOn ?? '');
  const [expiresOn, setExpiresOn] = useState(item.expiresOn ?? '');
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  return (
    <form
      aria-label="Edit the evidence details"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void update(item, {
          title,
          description,
          kind,
          effectiveOn: effectiveOn === '' ? null : effectiveOn,
          expiresOn: expiresOn === '' ? null : expiresOn,
        }).then((result) => {
          setSaving(false);
          // Card data stays in the form, to be masked there; other outcomes close it.
          if (!result.ok && result.error.code === 'CARD_DATA_DETECTED') setRefusal(result.error);
          else onDone(result);
        });
      }}
    >
      <Stack gap="xs">
        <TextInput
          label="Title"
          required
          maxLength={200}
          autoComplete="off"
          value={title}
          onChange={(event) => {
            setTitle(event.currentTarget.value);
          }}
        />
        <Select
          label="Kind"
          data={KIND_OPTIONS}
          withScrollArea={false}
          allowDeselect={false}
          value={kind}
          onChange={(value) => {
            if (value !== null) setKind(value);
          }}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
          }}
        />
        <Group grow>
          <TextInput
            type="date"
            label="Effective from"
            value={effectiveOn}
            onChange={(event) => {
              setEffectiveOn(event.currentTarget.value);
            }}
          />
          <TextInput
            type="date"
            label="Expires on"
            value={expiresOn}
            onChange={(event) => {
              setExpiresOn(event.currentTarget.value);
            }}
          />
        </Group>
        {refusal !== null ? (
          <CardDataRefusal
            error={refusal}
            title="Not saved: this looks like a card number"
            onMask={(field) => {
              if (field === 'title') setTitle(maskCardData(title));
              else setDescription(maskCardData(description));
              setRefusal(null);
            }}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={saving} disabled={title.trim() === ''}>
            Save changes
          </Button>
          <Button
            variant="default"
            onClick={() => {
              onDone(null);
            }}
          >
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteDialog({
  item,
  opened,
  onClose,
  onDeleted,
}: {
  readonly item: EvidenceItem;
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onDeleted: (contentRemoved: boolean) => void;
}) {
  const remove = useEvidenceStore((state) => state.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const rows = item.links.length;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Delete "${item.title}"?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {rows === 0
            ? 'This evidence item supports no rows.'
            : `This evidence item supports ${String(rows)} ${rows === 1 ? 'row' : 'rows'}; those links go with it (the answers stay).`}
        </Text>
        <Text size="sm">
          The file itself is removed from the vault only if no other evidence item uses the same
          file; otherwise it stays for that item. Deleting is recorded in the audit trail and cannot
          be undone.
        </Text>
        {error !== null ? (
          <Alert color="red" role="alert" title="Not deleted">
            {messageFor(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red.9"
            loading={busy}
            onClick={() => {
              setBusy(true);
              void remove(item.id).then((result) => {
                setBusy(false);
                if (result.ok) onDeleted(result.value.contentRemoved);
                else setError(result.error);
              });
            }}
          >
            Delete evidence
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SaveCopyDialog({
  item,
  opened,
  onClose,
  onSaved,
}: {
  readonly item: EvidenceItem;
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onSaved: (result: Result<string>) => void;
}) {
  const [busy, setBusy] = useState(false);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Save an unencrypted copy"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {`The copy of ${item.fileName} (${formatSize(item.sizeBytes)}) leaves the vault without encryption: your browser saves it where it keeps downloads, and anyone who can open that folder can read it. Delete it when you no longer need it.`}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={busy}
            onClick={() => {
              setBusy(true);
              void downloadEvidenceCopy(item).then((result) => {
                setBusy(false);
                onSaved(result);
              });
            }}
          >
            Save the copy
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One evidence item: its details, preview, rows, and the actions on it. */
export function EvidenceDetail({
  item,
  onDeleted,
}: {
  readonly item: EvidenceItem;
  readonly onDeleted: (text: string) => void;
}) {
  const unlink = useEvidenceStore((state) => state.unlink);
  const assessments = useAssessmentStore((state) => state.list);
  const [editing, setEditing] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [copying, setCopying] = useState(false);
  const [notice, setNotice] = useState<Notice>({ kind: 'none' });
  const note = TEXT_CHECK_NOTES[item.textCheck];

  function assessmentTitle(id: string): string {
    if (assessments.status !== 'ready') return 'an assessment';
    return (
      assessments.assessments.find((assessment) => assessment.id === id)?.title ?? 'an assessment'
    );
  }

  function report(result: Result<unknown>, text: string) {
    setNotice(result.ok ? { kind: 'done', text } : { kind: 'error', error: result.error });
  }

  async function saveCopy() {
    if (!isDesktop()) {
      setCopying(true);
      return;
    }
    const result = await api().saveEvidenceCopy({ id: item.id });
    if (!result.ok) report(result, '');
    else if (result.value !== null) {
      report(result, `Saved an unencrypted copy as ${result.value.fileName}.`);
    }
  }

  return (
    <Stack gap="sm" data-testid="evidence-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h4">
            {item.title}
          </Title>
          <Text size="sm">{`${EVIDENCE_KIND_LABELS[item.kind]} · ${item.fileName} · ${formatSize(item.sizeBytes)}`}</Text>
        </div>
        {item.expired ? (
          <Badge color="red" variant="light">
            Expired
          </Badge>
        ) : null}
      </Group>
      {item.description !== '' ? <Text size="sm">{item.description}</Text> : null}
      <Text size="xs">
        Added <LocalTime value={item.addedOn} />
        {item.effectiveOn === null ? null : (
          <>
            {' · effective from '}
            <LocalTime value={item.effectiveOn} />
          </>
        )}
        {item.expiresOn === null ? null : (
          <>
            {' · expires on '}
            <LocalTime value={item.expiresOn} />
          </>
        )}
        {` · ${item.mediaType} · SHA-256 ${item.sha256}`}
      </Text>
      {note !== null ? (
        <Alert color="yellow" title="Not checked for card numbers">
          {note}
        </Alert>
      ) : null}

      <Group gap="xs">
        <Button
          variant="default"
          aria-expanded={previewing}
          onClick={() => {
            setPreviewing(!previewing);
          }}
        >
          {previewing ? 'Hide preview' : 'Preview'}
        </Button>
        <Button
          variant="default"
          aria-expanded={editing}
          onClick={() => {
            setEditing(!editing);
          }}
        >
          Edit details
        </Button>
        <Button
          variant="default"
          onClick={() => {
            void saveCopy();
          }}
        >
          Save an unencrypted copy…
        </Button>
        <Button
          variant="default"
          onClick={() => {
            setDeleting(true);
          }}
        >
          Delete…
        </Button>
      </Group>

      {notice.kind === 'done' ? (
        <Alert color="green" title="Done" role="status">
          {notice.text}
        </Alert>
      ) : null}
      {notice.kind === 'error' ? (
        <Alert color="red" role="alert" title="That did not work">
          {messageFor(notice.error)}
        </Alert>
      ) : null}

      {editing ? (
        <EditForm
          item={item}
          onDone={(result) => {
            setEditing(false);
            if (result !== null) report(result, 'The details were saved.');
          }}
        />
      ) : null}
      {previewing ? <EvidencePreview item={item} /> : null}

      <div>
        <Text fw={600} size="sm" id={`rows-of-${item.id}`}>
          Rows it supports
        </Text>
        {item.links.length === 0 ? (
          <Text size="sm">None yet.</Text>
        ) : (
          <List size="sm" aria-labelledby={`rows-of-${item.id}`}>
            {item.links.map((link) => (
              <List.Item key={`${link.assessmentId}/${link.rowId}`}>
                <Group gap="xs">
                  <Text size="sm">{`${link.rowId} in ${assessmentTitle(link.assessmentId)}`}</Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`Unlink row ${link.rowId}`}
                    onClick={() => {
                      void unlink(item.id, link.assessmentId, link.rowId).then((result) => {
                        report(
                          result,
                          `Unlinked row ${link.rowId}. The evidence stays in the vault.`,
                        );
                      });
                    }}
                  >
                    Unlink
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <RowLinker
        item={item}
        onLinked={(result) => {
          report(result, 'Linked.');
        }}
      />

      <DeleteDialog
        item={item}
        opened={deleting}
        onClose={() => {
          setDeleting(false);
        }}
        onDeleted={(contentRemoved) => {
          setDeleting(false);
          onDeleted(
            contentRemoved
              ? `Deleted "${item.title}" and its file.`
              : `Deleted "${item.title}". Its file stays: another evidence item uses it.`,
          );
        }}
      />
      <SaveCopyDialog
        item={item}
        opened={copying}
        onClose={() => {
          setCopying(false);
        }}
        onSaved={(result) => {
          setCopying(false);
          report(
            result,
            result.ok ? `Your browser is saving an unencrypted copy as ${result.value}.` : '',
          );
        }}
      />
    </Stack>
  );
}
