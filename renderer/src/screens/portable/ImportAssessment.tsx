import '@mantine/dropzone/styles.css';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  List,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { FileDropZone } from '../files/FileDropZone';
import { useEffect, useState } from 'react';
import type { PortableImportOutcome } from '../../../../shared/api/ops/portable';
import { newRequestId } from '../../api/client';
import { counted, formatBytes, holdFile, type HeldFile } from '../../api/file-upload';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';
import { useAssessmentStore } from '../../state/assessment-store';
import { PassphraseField } from '../vault/PassphraseField';

const REFUSAL_TITLE = {
  INVALID_INPUT: 'Nothing was imported: the file has problems',
  TOO_LARGE: 'Nothing was imported: the file is too large',
  CARD_DATA_DETECTED: 'Nothing was imported: it looks like it holds a card number',
} as const;

/** A desktop drop says nothing about the content; the name is the best guess until core reads it. */
function isBundle(file: HeldFile): boolean {
  return file.kind === undefined
    ? !file.fileName.toLowerCase().endsWith('.json')
    : file.kind === 'bundle';
}

/**
 * The source vault's signing, as the file states it: information only, since
 * anyone can edit the file. Signing here is the person's own act.
 */
function sourceSigningNote(source: {
  readonly signedAt: string | null;
  readonly signerName: string;
}): string {
  const when = source.signedAt === null ? '' : ` on ${new Date(source.signedAt).toLocaleString()}`;
  const who = source.signerName === '' ? '' : ` by ${source.signerName}`;
  return `Signed in the source vault${when}${who}, as the file states it. Its attestation is kept without that signature for you to review; sign it here to export a signed report.`;
}

/**
 * Imports an assessment exported from this app (an encrypted bundle, which
 * asks for its passphrase, or a plain JSON document) as a new assessment.
 * All or nothing: a refusal lists every problem with its JSON path and
 * leaves the vault as it was. Bundles can be large, so in browser mode the
 * file streams to the upload route rather than through an operation's body.
 */
export function ImportAssessment({ onOpen }: { readonly onOpen: (id: string) => void }) {
  const loadList = useAssessmentStore((state) => state.loadList);
  const [held, setHeld] = useState<HeldFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PortableImportOutcome | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [uploading, setUploading] = useState<{
    readonly requestId: string;
    readonly controller: AbortController;
    readonly total: number;
    readonly done: number;
  } | null>(null);

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type !== 'progress') return;
        setUploading((current) =>
          current?.requestId === event.requestId ? { ...current, done: event.done } : current,
        );
      }),
    [],
  );

  function start(file: HeldFile) {
    setHeld(file);
    setOutcome(null);
    setError(undefined);
    setPassphrase('');
  }

  async function take(file: File) {
    const requestId = newRequestId();
    const controller = new AbortController();
    setBusy(true);
    setError(undefined);
    setOutcome(null);
    setUploading({ requestId, controller, total: file.size, done: 0 });
    const stored = await holdFile(file, 'portable', { requestId, signal: controller.signal });
    setUploading(null);
    setBusy(false);
    if (stored.ok) start(stored.value);
    else {
      setHeld(null);
      // A cancelled upload needs no message: the person asked for it.
      if (stored.error.code !== 'CANCELLED') setError(messageFor(stored.error));
    }
  }

  async function chooseInDesktop() {
    const chosen = await api().choosePortableFile({});
    if (!chosen.ok) setError(messageFor(chosen.error));
    else if (chosen.value !== null) start(chosen.value);
  }

  async function importHeld(file: HeldFile) {
    setBusy(true);
    setError(undefined);
    setOutcome(null);
    const result = await api().importAssessment(
      {
        handle: file.handle,
        ...(isBundle(file) ? { bundlePassphrase: passphrase } : {}),
      },
      { requestId: newRequestId() },
    );
    setBusy(false);
    if (!result.ok) {
      setError(
        result.error.code === 'WRONG_PASSPHRASE'
          ? 'That passphrase does not open this bundle. Check it with the person who exported it.'
          : messageFor(result.error),
      );
      if (result.error.code === 'NOT_FOUND') setHeld(null);
      return;
    }
    setOutcome(result.value);
    if (result.value.outcome === 'imported') {
      setHeld(null);
      setPassphrase('');
      await loadList();
    }
  }

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Import an assessment
        </Title>
        <Text size="sm">
          Bring in an assessment exported from this app on another computer: the encrypted bundle
          (asks for its passphrase) or a plain JSON copy. It becomes a new assessment here; nothing
          already in the vault is changed.
        </Text>
        <FileDropZone
          label="Assessment file to import"
          prompt="Drop a .bundle or .json file here, or"
          chooseLabel="Choose a file to import…"
          busy={busy}
          minHeight={64}
          onFile={(file) => {
            void take(file);
          }}
          onChooseInDesktop={chooseInDesktop}
        />
        {uploading !== null ? (
          <Group>
            <Progress
              value={uploading.total === 0 ? 0 : (uploading.done / uploading.total) * 100}
              w={240}
              aria-label="Reading the file into the app"
            />
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                uploading.controller.abort();
                void api().cancel(uploading.requestId);
              }}
            >
              Cancel
            </Button>
          </Group>
        ) : null}
        {held !== null ? (
          <form
            aria-label="Import the chosen file"
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) void importHeld(held);
            }}
          >
            <Stack gap="xs">
              <Text size="sm" data-testid="import-file">
                {`${held.fileName} (${formatBytes(held.sizeBytes)}, ${isBundle(held) ? 'encrypted bundle' : 'plain JSON'})`}
              </Text>
              {isBundle(held) ? (
                <PassphraseField
                  label="Bundle passphrase"
                  value={passphrase}
                  onChange={setPassphrase}
                />
              ) : null}
              <div>
                <Button type="submit" loading={busy} disabled={isBundle(held) && passphrase === ''}>
                  Import
                </Button>
              </div>
            </Stack>
          </form>
        ) : null}
        {error !== undefined ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {outcome?.outcome === 'refused' ? (
          <Alert color="red" role="alert" title={REFUSAL_TITLE[outcome.code]}>
            <List data-testid="import-problems" spacing={4}>
              {outcome.problems.map((problem, index) => (
                <List.Item key={`${problem.path}-${String(index)}`}>
                  {problem.where === undefined ? (
                    <>
                      <Code>{problem.path}</Code> {problem.message}
                    </>
                  ) : (
                    <>
                      {`${problem.where}: ${problem.message} `}
                      <Text span size="xs">
                        (at <Code>{problem.path}</Code>)
                      </Text>
                    </>
                  )}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {outcome?.outcome === 'imported' ? (
          <Alert color="green" role="status" title="Imported">
            <Stack gap="xs">
              <Text size="sm">
                {`A new assessment with ${counted(outcome.answers, 'answer')} and ${counted(outcome.evidence, 'evidence file')}, as a draft: it is not signed in this vault.`}
              </Text>
              {outcome.sourceSigning !== null ? (
                <Text size="sm" data-testid="import-source-signing">
                  {sourceSigningNote(outcome.sourceSigning)}
                </Text>
              ) : null}
              <div>
                <Button
                  size="xs"
                  onClick={() => {
                    onOpen(outcome.assessmentId);
                  }}
                >
                  Open the imported assessment
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
