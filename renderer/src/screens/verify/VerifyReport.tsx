import '@mantine/dropzone/styles.css';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { FileDropZone } from '../files/FileDropZone';
import { useState } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import {
  expectedFingerprintSchema,
  type ReportVerification,
} from '../../../../shared/api/ops/verify';
import { MAX_REPORT_BYTES } from '../../../../shared/api/uploads';
import { newRequestId } from '../../api/client';
import { formatBytes, holdFile, type HeldFile } from '../../api/file-upload';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';

/** Groups of two hex digits, as certificate viewers show it; lines break only between groups. */
function Grouped({ fingerprint }: { readonly fingerprint: string }) {
  const groups = fingerprint.toUpperCase().match(/../g) ?? [];
  return groups.map((group, index) => (
    <span key={index}>
      {index === 0 ? '' : ':'}
      <wbr />
      {group}
    </span>
  ));
}

function problemText(error: ApiError): string {
  if (error.code === 'TOO_LARGE') {
    return `That file is larger than ${formatBytes(MAX_REPORT_BYTES)}, the most the app reads for a report. A signed report from this app is a few megabytes.`;
  }
  if (error.code === 'INVALID_INPUT' && /not a PDF/.test(error.message)) return error.message;

  return messageFor(error);
}

/**
 * The verdict. "Unchanged" alone proves only that whoever holds the
 * certificate inside the file signed it: anyone can make a certificate naming
 * any company. So green is kept for a file that is intact AND signed by the
 * certificate whose fingerprint the person entered; without one the verdict is
 * amber and says who signed is not confirmed.
 */
function verdictOf(result: ReportVerification): {
  readonly color: string;
  readonly title: string;
  readonly text: string;
} {
  if (!result.intact) {
    const certificateOnly =
      !result.documentUnchanged && result.fingerprintMatches === true
        ? ' The certificate matches, but the document was changed after signing.'
        : '';
    return {
      color: 'red',
      title: 'Not intact',
      text: `${result.fileName} cannot be trusted as it is.${certificateOnly} Every reason found:`,
    };
  }
  if (result.fingerprintMatches === true) {
    return {
      color: 'green',
      title: 'Intact and signed by the expected certificate',
      text: `${result.fileName} is unchanged since it was signed, by the certificate whose fingerprint you entered.`,
    };
  }
  return {
    color: 'orange',
    title: 'Unchanged since it was signed, but who signed it is not confirmed',
    text: `${result.fileName} is unchanged since it was signed with the certificate inside it, but anyone can make a certificate with any company's name. Compare the certificate fingerprint below with the one the merchant gave you (by phone or a second channel), or enter it above and check again.`,
  };
}

function fingerprintVerdict(result: ReportVerification): string {
  if (result.fingerprintMatches === null) {
    return 'Not checked: none was entered, so who signed it is not confirmed';
  }
  if (!result.fingerprintMatches) return 'Does not match';
  return result.documentUnchanged
    ? 'Matches'
    : 'The certificate matches, but the document was changed after signing';
}

function Outcome({ result }: { readonly result: ReportVerification }) {
  const verdict = verdictOf(result);
  return (
    <Card withBorder padding="lg" data-testid="verification">
      <Stack gap="sm">
        <Alert
          color={verdict.color}
          role={result.intact ? 'status' : 'alert'}
          title={verdict.title}
        >
          {verdict.text}
          {result.problems.length > 0 ? (
            <List mt="xs" data-testid="verification-problems">
              {result.problems.map((problem) => (
                <List.Item key={problem}>{problem}</List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
        <Table variant="vertical" layout="fixed" withTableBorder aria-label="Signature details">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={260}>Certificate fingerprint (SHA-256)</Table.Th>
              <Table.Td>
                {result.certificateFingerprint === null ? (
                  'Could not be read'
                ) : (
                  <Code data-testid="verified-fingerprint">
                    <Grouped fingerprint={result.certificateFingerprint} />
                  </Code>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Expected fingerprint</Table.Th>
              <Table.Td data-testid="fingerprint-verdict">{fingerprintVerdict(result)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Signer</Table.Th>
              <Table.Td data-testid="verified-signer">{result.signerName ?? 'Not stated'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Certificate subject</Table.Th>
              <Table.Td>{result.certificateSubject ?? 'Could not be read'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Signing time</Table.Th>
              <Table.Td>
                {result.claimedSigningTime === null
                  ? 'Not stated'
                  : `${new Date(result.claimedSigningTime).toLocaleString()} (as claimed by the signer's clock)`}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/**
 * Checks a signed report: intact or not with every reason, the signer, the
 * certificate fingerprint (compared with the one the merchant gave, when
 * entered) and the signing time as the signer's clock claimed it. Needs no
 * vault. The file reaches core as a handle, never as a path.
 */
export function VerifyReport({ onBack }: { readonly onBack?: () => void }) {
  const [held, setHeld] = useState<HeldFile | null>(null);
  const [expected, setExpected] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReportVerification | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const parsedExpected = expectedFingerprintSchema.safeParse(expected);
  const expectedError =
    expected.trim() === '' || parsedExpected.success
      ? undefined
      : 'A SHA-256 fingerprint is 64 hexadecimal digits; colons and spaces are allowed.';

  async function verify(file: HeldFile, fingerprint: string) {
    const parsed = expectedFingerprintSchema.safeParse(fingerprint);
    if (!parsed.success) return;
    setBusy(true);
    setProblem(null);
    const verified = await api().verifyReport({
      handle: file.handle,
      ...(parsed.data === '' ? {} : { expectedFingerprint: parsed.data }),
    });
    setBusy(false);
    if (verified.ok) setResult(verified.value);
    else {
      setResult(null);
      setProblem(problemText(verified.error));
    }
  }

  async function take(file: File) {
    setResult(null);
    setProblem(null);
    if (file.size > MAX_REPORT_BYTES) {
      setProblem(problemText({ code: 'TOO_LARGE', message: '' }));
      return;
    }
    setBusy(true);
    const controller = new AbortController();
    const stored = await holdFile(file, 'report', {
      requestId: newRequestId(),
      signal: controller.signal,
    });
    setBusy(false);
    if (!stored.ok) {
      setHeld(null);
      setProblem(problemText(stored.error));
      return;
    }
    setHeld(stored.value);
    await verify(stored.value, expected);
  }

  async function chooseInDesktop() {
    const chosen = await api().chooseReportToVerify({});
    if (!chosen.ok) setProblem(problemText(chosen.error));
    else if (chosen.value !== null) {
      setHeld(chosen.value);
      await verify(chosen.value, expected);
    }
  }

  return (
    <Stack gap="md">
      <Title order={2}>Verify a report</Title>
      <Text>
        Check that a signed report from this app is unchanged since it was signed. For it to prove
        who signed it, compare the certificate fingerprint with the one the merchant gave you
        separately (by phone or a second e-mail); paste it below to have the app compare it. The
        vault is not needed for this, and the report is not stored.
      </Text>
      <TextInput
        label="Expected certificate fingerprint (optional)"
        description="SHA-256, 64 hexadecimal digits; colons, spaces and capitals are fine."
        value={expected}
        error={expectedError}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        onChange={(event) => {
          setExpected(event.currentTarget.value);
        }}
      />
      <FileDropZone
        label="Report to verify"
        prompt="Drop the signed PDF here, or"
        chooseLabel="Choose a report…"
        busy={busy}
        onFile={(file) => {
          void take(file);
        }}
        onChooseInDesktop={chooseInDesktop}
        onReject={() => {
          setProblem('Drop one PDF file: the signed report the app exported.');
        }}
      />
      {busy ? <Loader size="sm" aria-label="Checking the report" /> : null}
      {held !== null && !busy ? (
        <Group>
          <Text size="sm" data-testid="report-to-verify">
            {`${held.fileName} (${formatBytes(held.sizeBytes)})`}
          </Text>
          <Button
            size="xs"
            variant="default"
            disabled={expectedError !== undefined}
            onClick={() => void verify(held, expected)}
          >
            Check again
          </Button>
        </Group>
      ) : null}
      {problem !== null ? (
        <Alert color="red" role="alert" title="The report could not be checked">
          {problem}
        </Alert>
      ) : null}
      {result !== null ? <Outcome result={result} /> : null}
      {onBack !== undefined ? (
        <Group>
          <Button variant="default" onClick={onBack}>
            Back
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
