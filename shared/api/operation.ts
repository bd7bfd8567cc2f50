import type { z } from 'zod';

/**
 * One operation of the API: its input schema, whether it is long (cancellable,
 * reports progress) and, as a type only, what it returns.
 */
export interface OperationSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly long: boolean;
  /** Never set at run time; carries the result type for the doors and the client. */
  readonly resultType?: O;
}

/**
 * Declares an operation returning `O`. Curried so that the input type is
 * inferred from the schema while the result type is written out:
 * `operation<AppInfo>()(z.object({}).strict())`.
 */
export function operation<O>() {
  return <I extends z.ZodType>(
    input: I,
    options: { long?: boolean } = {},
  ): OperationSpec<I, O> => ({
    input,
    long: options.long ?? false,
  });
}
