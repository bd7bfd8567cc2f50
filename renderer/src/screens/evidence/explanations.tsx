import { Alert, Button, Group, Text } from '@mantine/core';
import type { ApiError } from '../../../../shared/api/errors';
import type { EvidenceTextCheck } from '../../../../shared/api/ops/evidence';
import { messageFor } from '../../api/messages';

/** Why the app could not look inside a file for card numbers; null when it did. */
export const TEXT_CHECK_NOTES: Readonly<Record<EvidenceTextCheck, string | null>> = {
  checked: null,
  image:
    'The app could not check this image for card numbers: it reads text, not pictures. Make sure no full card number is visible in it.',
  'no-text-layer':
    'This PDF has no text layer (it is probably a scan), so the app could not check it for card numbers. Make sure no full card number is visible in it.',
  'encrypted-pdf':
    'This PDF is encrypted, so the app could not check it for card numbers. Make sure it holds no full card number.',
  'unreadable-pdf':
    'The app could not read the text of this PDF to check it for card numbers. Make sure it holds no full card number.',
  binary:
    'The app does not read inside this type of file, so it could not check it for card numbers. Make sure it holds no full card number.',
  'too-large':
    'This file is too large for the app to check for card numbers. Make sure it holds no full card number.',
};

/** Where in the file or form the guard found the number, in words. */
function whereFound(path: string | undefined): string | null {
  if (path === undefined) return null;
  if (path === 'title') return 'in the title';
  if (path === 'description') return 'in the description';
  const page = /page-(\d+)/.exec(path);
  if (page?.[1] !== undefined) return `on page ${page[1]} of the file`;
  if (path.startsWith('content')) return 'in the file';

  return null;
}

/** The fields of the form the guard can name; their text can be masked in place. */
export type MaskableField = 'title' | 'description';

function maskableField(path: string | undefined): MaskableField | null {
  return path === 'title' || path === 'description' ? path : null;
}

/**
 * A refusal for card data, with the reason a card number may not be kept.
 * When the number is in a field of the form, `onMask` offers to mask it there.
 */
export function CardDataRefusal({
  error,
  title,
  onMask,
}: {
  readonly error: ApiError;
  readonly title: string;
  readonly onMask?: (field: MaskableField) => void;
}) {
  const where = whereFound(error.path);
  const field = maskableField(error.path);
  return (
    <Alert color="red" role="alert" title={title} data-testid="card-data-refusal">
      <Text size="sm">{messageFor(error)}</Text>
      <Text size="sm" mt="xs">
        {`The app found a card number${where === null ? '' : ` ${where}`}, or a card verification code or magnetic-stripe data.`}{' '}
        A card number kept in the vault would be electronic storage of account data, and a merchant
        that stores account data electronically is not eligible for any SAQ except SAQ D.
      </Text>
      {field !== null && onMask !== undefined ? (
        <Group mt="xs" gap="sm">
          <Text size="sm">Nothing was stored. Mask it to the first six and last four digits?</Text>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              onMask(field);
            }}
          >
            {`Mask the ${field}`}
          </Button>
        </Group>
      ) : (
        <Text size="sm" mt="xs">
          Nothing was stored. Mask the number in the file (keep at most the first six and last four
          digits) or remove it, then add the file again.
        </Text>
      )}
    </Alert>
  );
}

/** The refusal of an import: cancelled, card data (with the reason), or another error. */
export function ImportRefusal({
  error,
  onMask,
}: {
  readonly error: ApiError;
  readonly onMask?: (field: MaskableField) => void;
}) {
  if (error.code === 'CANCELLED') {
    return (
      <Alert color="gray" title="Cancelled" role="status">
        The import was stopped. Nothing was added to the vault.
      </Alert>
    );
  }
  if (error.code === 'CARD_DATA_DETECTED') {
    return (
      <CardDataRefusal
        error={error}
        title="The file was not added: it contains what looks like a card number"
        {...(onMask === undefined ? {} : { onMask })}
      />
    );
  }
  if (error.code === 'TOO_LARGE') {
    // Core's sentence names the limit in force (no user content in it).
    return (
      <Alert color="red" role="alert" title="The file was not added: it is too large">
        {`${error.message} The limit can be changed in the evidence library, under "Size limit".`}
      </Alert>
    );
  }

  return (
    <Alert color="red" role="alert" title="The file was not added">
      {messageFor(error)}
    </Alert>
  );
}
