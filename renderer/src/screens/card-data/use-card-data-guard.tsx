import { Button, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import { findCardData, maskCardData } from '../../../../shared/domain/card-data';
import { useAssessmentStore } from '../../state/assessment-store';

/**
 * Core refuses any text holding a card number with CARD_DATA_DETECTED and the
 * path of the field (`merchant.companyName`, `payload.ccw.constraints`,
 * `summary.locations.0.cityCountry`). This hook puts that refusal on the field
 * itself: the field is marked invalid, the reason sits next to it, focus moves
 * there, and "Mask it" replaces the number with its first six and last four
 * digits in the field, so that the next save goes through.
 *
 * The number only ever lives in the field's own state: masking happens here,
 * and nothing of it is logged or sent anywhere but the save that core refuses.
 */

/** A field path matches a refusal at that path or inside it (`assessor.isaNames` and `.0`). */
export function refusalMatches(refusedPath: string, fieldPath: string): boolean {
  return refusedPath === fieldPath || refusedPath.startsWith(`${fieldPath}.`);
}

/** The path of a card-data refusal, or null for any other outcome. */
export function refusedPathOf(error: ApiError | null | undefined): string | null {
  if (error?.code !== 'CARD_DATA_DETECTED') return null;

  return error.path ?? null;
}

/** The props a Mantine input takes from the guard: its error text and a ref to focus it. */
export interface GuardedFieldProps {
  readonly error: ReactNode;
  readonly ref: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
}

export interface CardDataGuard {
  /** The path core refused, or null. */
  readonly refusedPath: string | null;
  /**
   * Props for the input at `path` holding `value`. While core's refusal names
   * this field and the value still holds card data, `error` explains why and
   * offers to mask; `onMask` receives the masked text. Otherwise `error` is
   * `otherError`, the field's own validation message if it has one.
   */
  readonly field: (
    path: string,
    value: string,
    onMask: (masked: string) => void,
    otherError?: ReactNode,
  ) => GuardedFieldProps;
}

/** What sits next to a refused field: why a card number may not be kept, and the way out. */
export function CardDataFieldError({ onMask }: { readonly onMask: () => void }) {
  return (
    <Stack gap={4} component="span" data-testid="card-data-field-error">
      <Text component="span" size="sm" c="var(--mantine-color-error)" fw={600}>
        Not saved: this looks like a card number.
      </Text>
      <Text component="span" size="sm" c="var(--mantine-color-text)">
        A card number kept in the vault is electronic storage of account data, which breaks the
        eligibility for every SAQ except SAQ D. Keep at most the first six and last four digits.
      </Text>
      <Button
        size="compact-sm"
        variant="default"
        w="fit-content"
        onClick={onMask}
        aria-label="Mask it: keep only the first six and last four digits"
      >
        Mask it
      </Button>
    </Stack>
  );
}

/**
 * The guard for one form. `error` is the outcome of the form's last save; by
 * default the open assessment's save state (see `useSaveRefusal`).
 */
export function useCardDataGuard(error: ApiError | null | undefined): CardDataGuard {
  const refusedPath = refusedPathOf(error);
  const elements = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());
  const values = useRef(new Map<string, string>());

  // Each new refusal moves focus to its field once; typing on keeps the focus where it is.
  useEffect(() => {
    if (refusedPath === null) return;
    for (const [path, element] of elements.current) {
      const value = values.current.get(path) ?? '';
      if (refusalMatches(refusedPath, path) && findCardData(value).length > 0) {
        // Focusing scrolls the field into view as well.
        element.focus();
        return;
      }
    }
  }, [error, refusedPath]);

  const field = useCallback(
    (
      path: string,
      value: string,
      onMask: (masked: string) => void,
      otherError?: ReactNode,
    ): GuardedFieldProps => {
      values.current.set(path, value);
      const ref = (element: HTMLInputElement | HTMLTextAreaElement | null) => {
        if (element === null) elements.current.delete(path);
        else elements.current.set(path, element);
      };
      const refused =
        refusedPath !== null && refusalMatches(refusedPath, path) && findCardData(value).length > 0;

      return {
        ref,
        error: refused ? (
          <CardDataFieldError
            onMask={() => {
              onMask(maskCardData(value));
            }}
          />
        ) : (
          otherError
        ),
      };
    },
    [refusedPath],
  );

  return useMemo(() => ({ refusedPath, field }), [refusedPath, field]);
}

/** The error of the open assessment's last failed save, for `useCardDataGuard`. */
export function useSaveRefusal(): ApiError | null {
  return useAssessmentStore((state) =>
    state.saveState.status === 'failed' ? state.saveState.error : null,
  );
}
