import { Alert, Button, Card, Checkbox, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PortableCopy, PortableFormatChoice } from '../../../../shared/api/ops/portable';
import { passphraseHint } from '../../../../shared/domain/passphrase-strength';
import { newRequestId } from '../../api/client';
import { downloadExport } from '../../api/download';
import { counted, formatBytes } from '../../api/file-upload';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';
import { PassphraseField } from '../vault/PassphraseField';

/**
 * "Export portable copy": the whole assessment for another vault or a
 * backup. An encrypted bundle with the evidence files by default; plain JSON
 * (no evidence files, not encrypted) only after an explicit choice and a
 * plain warning. Browser mode downloads the file; the desktop asks where to
 * save it.
 */
export function PortableExport({ assessmentId }: { readonly assessmentId: string }) {
  const [format, setFormat] = useState<PortableFormatChoice>('bundle');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<PortableCopy | null>(null);
  const [error, setError] = useState<string | undefined>();
  const hint = passphraseHint(passphrase);
  const mismatch = again !== '' && again !== passphrase;
  const ready = format === 'bundle' ? hint.acceptable && again === passphrase : confirmed;

  async function exportCopy() {
    setError(undefined);
    setDone(null);
    setRunning(true);
    const result = await api().exportPortableCopy(
      format === 'bundle'
        ? { assessmentId, format, passphrase }
        : { assessmentId, format, unencryptedConfirmed: true },
      { requestId: newRequestId() },
    );
    setRunning(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    if (result.value === null) return;
    if (result.value.delivery === 'download' && !(await downloadExport(result.value.fileName))) {
      setError('The copy was made, but the browser could not download it. Export it again.');
      return;
    }
    setDone(result.value);
    setPassphrase('');
    setAgain('');
  }

  return (
    <Card withBorder padding="lg">
      <form
        aria-label="Export portable copy"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !running) void exportCopy();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            Portable copy
          </Title>
          <Text size="sm">
            The whole assessment (answers, attestation, evidence) as one file, to move it to another
            computer or keep it as a backup. Import it from Home in another vault.
          </Text>
          <Radio.Group
            label="Form"
            value={format}
            onChange={(value) => {
              setFormat(value === 'json' ? 'json' : 'bundle');
              setConfirmed(false);
            }}
          >
            <Stack gap={6} mt={4}>
              <Radio
                value="bundle"
                label="Encrypted bundle with the evidence files (recommended)"
              />
              <Radio value="json" label="Plain JSON, without the evidence files" />
            </Stack>
          </Radio.Group>
          {format === 'bundle' ? (
            <>
              <PassphraseField
                label="Bundle passphrase"
                value={passphrase}
                onChange={setPassphrase}
                withHint
              />
              <PassphraseField
                label="Bundle passphrase again"
                value={again}
                onChange={setAgain}
                error={mismatch ? 'The two passphrases differ.' : undefined}
              />
              <Text size="sm">
                Whoever imports the bundle needs this passphrase. Tell them by another way than the
                file itself; the app cannot recover it.
              </Text>
            </>
          ) : (
            <Alert color="orange" title="Not encrypted" role="alert">
              <Stack gap="xs">
                <Text size="sm">
                  A plain JSON file is not encrypted. It holds everything in the assessment (the
                  merchant&apos;s details, every answer and note, the attestation) readable by
                  anyone who gets the file. Prefer the encrypted bundle.
                </Text>
                <Checkbox
                  label="I understand that this file is not encrypted and contains everything"
                  checked={confirmed}
                  onChange={(event) => {
                    setConfirmed(event.currentTarget.checked);
                  }}
                />
              </Stack>
            </Alert>
          )}
          <div>
            <Button type="submit" variant="default" disabled={!ready} loading={running}>
              Export portable copy
            </Button>
          </div>
          {done !== null ? (
            <Alert color="green" role="status" title="Portable copy made">
              {`${done.fileName}: ${counted(done.answers, 'answer')}, ${counted(done.evidence, 'evidence file')}, ${formatBytes(done.bytes)}${done.format === 'json' ? '. Keep it private: it is not encrypted.' : '.'}`}
            </Alert>
          ) : null}
          {error !== undefined ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
