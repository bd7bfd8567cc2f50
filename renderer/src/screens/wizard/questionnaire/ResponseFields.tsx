import { Checkbox, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ResponsePayload } from '../../../../../shared/domain/answer-rows';
import { CCW_FIELDS, CCW_FIELD_LABELS } from '../../../../../shared/domain/response-rules';
import type { Response } from '../../../../../shared/domain/responses';
import type { CardDataGuard } from '../../card-data/use-card-data-guard';

/** Errors of one answer by field path ("ccw.constraints", "notApplicableExplanation"). */
export type FieldErrors = Readonly<Record<string, string | undefined>>;

function withoutLegalException(payload: ResponsePayload): ResponsePayload {
  const rest: { -readonly [K in keyof ResponsePayload]: ResponsePayload[K] } = { ...payload };
  delete rest.legalException;
  return rest;
}

/**
 * Exactly the fields a response needs: the Compensating Controls Worksheet
 * for CCW, an explanation for Not Applicable or Not Tested, and for Not in
 * Place an optional legal exception.
 */
export function ResponseFields({
  rowKey,
  response,
  payload,
  errors,
  guard,
  disabled,
  onChange,
}: {
  readonly rowKey: string;
  readonly response: Response | null;
  readonly payload: ResponsePayload;
  readonly errors: FieldErrors;
  /** Puts core's refusal of card data on the field that holds it. */
  readonly guard: CardDataGuard;
  readonly disabled: boolean;
  readonly onChange: (payload: ResponsePayload) => void;
}) {
  switch (response) {
    case null:
    case 'in-place':
      return null;
    case 'in-place-ccw':
      return (
        <Stack gap="xs" data-testid="ccw-worksheet">
          <Title order={4} size="h5">
            Compensating Controls Worksheet (Appendix B)
          </Title>
          {CCW_FIELDS.map((field) => (
            <Textarea
              key={`${rowKey}-${field}`}
              label={CCW_FIELD_LABELS[field]}
              value={payload.ccw?.[field] ?? ''}
              {...guard.field(
                `payload.ccw.${field}`,
                payload.ccw?.[field] ?? '',
                (masked) => {
                  onChange({ ...payload, ccw: { ...payload.ccw, [field]: masked } });
                },
                errors[`ccw.${field}`],
              )}
              disabled={disabled}
              autosize
              minRows={2}
              autoComplete="off"
              required
              onChange={(event) => {
                onChange({
                  ...payload,
                  ccw: { ...payload.ccw, [field]: event.currentTarget.value },
                });
              }}
            />
          ))}
        </Stack>
      );
    case 'not-applicable':
      return (
        <Textarea
          key={`${rowKey}-na`}
          label="Why this requirement does not apply (Appendix C)"
          value={payload.notApplicableExplanation ?? ''}
          {...guard.field(
            'payload.notApplicableExplanation',
            payload.notApplicableExplanation ?? '',
            (masked) => {
              onChange({ ...payload, notApplicableExplanation: masked });
            },
            errors['notApplicableExplanation'],
          )}
          disabled={disabled}
          autosize
          minRows={2}
          autoComplete="off"
          required
          onChange={(event) => {
            onChange({ ...payload, notApplicableExplanation: event.currentTarget.value });
          }}
        />
      );
    case 'not-tested':
      return (
        <Textarea
          key={`${rowKey}-nt`}
          label="Why this requirement was not tested (Appendix D)"
          value={payload.notTestedExplanation ?? ''}
          {...guard.field(
            'payload.notTestedExplanation',
            payload.notTestedExplanation ?? '',
            (masked) => {
              onChange({ ...payload, notTestedExplanation: masked });
            },
            errors['notTestedExplanation'],
          )}
          disabled={disabled}
          autosize
          minRows={2}
          autoComplete="off"
          required
          onChange={(event) => {
            onChange({ ...payload, notTestedExplanation: event.currentTarget.value });
          }}
        />
      );
    case 'not-in-place': {
      const claimed = payload.legalException !== undefined;
      return (
        <Stack gap="xs">
          <Checkbox
            label="A law or regulation prevents meeting this requirement (legal exception)"
            checked={claimed}
            disabled={disabled}
            onChange={(event) => {
              onChange(
                event.currentTarget.checked
                  ? { ...payload, legalException: { howLawPrevents: '' } }
                  : withoutLegalException(payload),
              );
            }}
          />
          {claimed ? (
            <Textarea
              key={`${rowKey}-legal`}
              label="Which law or regulation, and how it prevents meeting the requirement"
              value={payload.legalException.howLawPrevents}
              {...guard.field(
                'payload.legalException.howLawPrevents',
                payload.legalException.howLawPrevents,
                (masked) => {
                  onChange({ ...payload, legalException: { howLawPrevents: masked } });
                },
                errors['legalException.howLawPrevents'],
              )}
              disabled={disabled}
              autosize
              minRows={2}
              autoComplete="off"
              required
              onChange={(event) => {
                onChange({
                  ...payload,
                  legalException: { howLawPrevents: event.currentTarget.value },
                });
              }}
            />
          ) : (
            <Text size="sm">
              Not in Place makes the attestation Non-Compliant and needs a Target Date for
              Compliance in Part 3.
            </Text>
          )}
        </Stack>
      );
    }
  }
}
