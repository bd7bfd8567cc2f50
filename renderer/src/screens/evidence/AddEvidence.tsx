import '@mantine/dropzone/styles.css';
import {
  Alert,
  Button,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { FileDropZone } from '../files/FileDropZone';
import { useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceItem,
  type EvidenceKind,
} from '../../../../shared/api/ops/evidence';
import { maskCardData } from '../../../../shared/domain/card-data';
import { sourceFileName, sourceSize, type EvidenceSource } from '../../api/upload';
import { api } from '../../state/api';
import { useEvidenceStore } from '../../state/evidence-store';
import { formatSize } from './content';
import { ImportRefusal, TEXT_CHECK_NOTES } from './explanations';

export const KIND_OPTIONS = EVIDENCE_KINDS.map((kind) => ({
  value: kind,
  label: EVIDENCE_KIND_LABELS[kind],
}));

function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).slice(0, 200);
}

interface Draft {
  readonly title: string;
  readonly description: string;
  readonly kind: EvidenceKind;
  readonly effectiveOn: string;
  readonly expiresOn: string;
}

type Outcome =
  | { readonly status: 'none' }
  | { readonly status: 'added'; readonly item: EvidenceItem; readonly deduplicated: boolean }
  | { readonly status: 'refused'; readonly error: ApiError };

/**
 * Adds a file to the vault: pick it (the system dialog on the desktop, the
 * browser's file chooser otherwise) or drop it, describe it, then watch it
 * stream in with a Cancel button. `onAdded` runs with each new item (the row
 * panel links it to its row there).
 */
export function AddEvidence({
  onAdded,
  idPrefix = 'evidence-add',
}: {
  readonly onAdded?: (item: EvidenceItem) => void | Promise<void>;
  /** Keeps field ids unique when the form appears twice on one screen. */
  readonly idPrefix?: string;
}) {
  const add = useEvidenceStore((state) => state.add);
  const importing = useEvidenceStore((state) => state.importing);
  const cancelImport = useEvidenceStore((state) => state.cancelImport);
  const [source, setSource] = useState<EvidenceSource | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'none' });
  const [chooseError, setChooseError] = useState<ApiError | null>(null);
  // A file from the desktop's dialog is known by a one-time handle; a failed attempt uses it up.
  const [handleSpent, setHandleSpent] = useState(false);

  function choose(next: EvidenceSource) {
    setSource(next);
    setOutcome({ status: 'none' });
    // Choosing the same file again after a spent handle keeps what was typed.
    setDraft((current) =>
      current !== null && handleSpent
        ? current
        : {
            title: titleFromFileName(sourceFileName(next)),
            description: '',
            kind: 'other',
            effectiveOn: '',
            expiresOn: '',
          },
    );
    setHandleSpent(false);
  }

  async function chooseFileInDesktop() {
    setChooseError(null);
    const chosen = await api().chooseEvidenceFile({});
    if (!chosen.ok) setChooseError(chosen.error);
    else if (chosen.value !== null) choose({ kind: 'chosen', chosen: chosen.value });
  }

  async function submit() {
    if (source === null || draft === null) return;
    const result = await add(source, {
      title: draft.title,
      description: draft.description,
      kind: draft.kind,
      effectiveOn: draft.effectiveOn === '' ? null : draft.effectiveOn,
      expiresOn: draft.expiresOn === '' ? null : draft.expiresOn,
    });
    if (!result.ok) {
      setOutcome({ status: 'refused', error: result.error });
      if (source.kind === 'chosen') setHandleSpent(true);
      return;
    }
    setSource(null);
    setDraft(null);
    setOutcome({
      status: 'added',
      item: result.value.item,
      deduplicated: result.value.deduplicated,
    });
    await onAdded?.(result.value.item);
  }

  const busy = importing !== null;
  const percent =
    importing === null || importing.total === 0 ? 0 : (importing.done / importing.total) * 100;
  const note = outcome.status === 'added' ? TEXT_CHECK_NOTES[outcome.item.textCheck] : null;

  return (
    <Stack gap="sm">
      <FileDropZone
        label="Evidence file"
        inputId={`${idPrefix}-file`}
        prompt="Drop a file here, or"
        chooseLabel="Choose a file…"
        busy={busy}
        onFile={(file) => {
          choose({ kind: 'file', file });
        }}
        onChooseInDesktop={chooseFileInDesktop}
      />
      <Text size="xs">
        Any type of file. It is encrypted inside the vault; text files and PDFs are checked for card
        numbers first. Images and scanned PDFs cannot be checked: make sure no full card number
        shows in them.
      </Text>
      {chooseError !== null ? <ImportRefusal error={chooseError} /> : null}

      {source !== null && draft !== null ? (
        <form
          aria-label="Describe the evidence"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="xs">
            <Text size="sm" data-testid="chosen-file">
              {`${sourceFileName(source)} (${formatSize(sourceSize(source))})`}
            </Text>
            {handleSpent ? (
              <Text size="sm">
                To try again, choose the file again: the app lets go of a chosen file after each
                attempt. What you typed here is kept.
              </Text>
            ) : null}
            <TextInput
              id={`${idPrefix}-title`}
              label="Title"
              required
              maxLength={200}
              autoComplete="off"
              value={draft.title}
              disabled={busy}
              onChange={(event) => {
                setDraft({ ...draft, title: event.currentTarget.value });
              }}
            />
            <Select
              id={`${idPrefix}-kind`}
              label="Kind"
              data={KIND_OPTIONS}
              withScrollArea={false}
              allowDeselect={false}
              value={draft.kind}
              disabled={busy}
              onChange={(value) => {
                if (value !== null) setDraft({ ...draft, kind: value });
              }}
            />
            <Textarea
              id={`${idPrefix}-description`}
              label="Description"
              autosize
              minRows={2}
              value={draft.description}
              disabled={busy}
              onChange={(event) => {
                setDraft({ ...draft, description: event.currentTarget.value });
              }}
            />
            <Group grow>
              <TextInput
                id={`${idPrefix}-effective`}
                type="date"
                label="Effective from"
                value={draft.effectiveOn}
                disabled={busy}
                onChange={(event) => {
                  setDraft({ ...draft, effectiveOn: event.currentTarget.value });
                }}
              />
              <TextInput
                id={`${idPrefix}-expires`}
                type="date"
                label="Expires on"
                value={draft.expiresOn}
                disabled={busy}
                onChange={(event) => {
                  setDraft({ ...draft, expiresOn: event.currentTarget.value });
                }}
              />
            </Group>
            {importing !== null ? (
              <Stack gap={4}>
                <Progress value={percent} aria-label={`Adding ${importing.fileName}`} />
                <Text size="sm">{`${formatSize(importing.done)} of ${formatSize(importing.total)}`}</Text>
              </Stack>
            ) : null}
            <Group>
              <Button
                type="submit"
                loading={busy}
                disabled={draft.title.trim() === '' || handleSpent}
              >
                Add to the vault
              </Button>
              {busy ? (
                <Button
                  variant="default"
                  onClick={() => {
                    void cancelImport();
                  }}
                >
                  Cancel
                </Button>
              ) : (
                <Button
                  variant="default"
                  onClick={() => {
                    setSource(null);
                    setDraft(null);
                  }}
                >
                  Discard
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      ) : null}

      {outcome.status === 'refused' ? (
        <ImportRefusal
          error={outcome.error}
          onMask={(field) => {
            if (draft !== null) setDraft({ ...draft, [field]: maskCardData(draft[field]) });
            setOutcome({ status: 'none' });
          }}
        />
      ) : null}
      {outcome.status === 'added' ? (
        <Alert color="green" title="Added to the vault" data-testid="evidence-added">
          <Text size="sm">
            {outcome.deduplicated
              ? `"${outcome.item.title}" was added. The same file was already in the vault, so it is stored once.`
              : `"${outcome.item.title}" was added.`}
          </Text>
          {note !== null ? (
            <Text size="sm" mt="xs" data-testid="text-check-note">
              {note}
            </Text>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}
