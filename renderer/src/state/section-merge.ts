/**
 * Three-way merge of one saved section (or one answer) when another window
 * saved it first. `base` is what this window last read from core, `mine` what
 * the person has now, `theirs` what core holds now. Plain objects merge field
 * by field, down to their leaves; arrays and scalars are leaves and merge as a
 * whole. A leaf that only one side changed takes that side's value; a leaf
 * both changed differently is a conflict, and the other window's value stays:
 * it is already saved and may have been seen by someone.
 */

export interface Merged<T> {
  readonly value: T;
  /** Dotted paths of the leaves both windows changed differently. */
  readonly conflicts: readonly string[];
}

type Plain = Readonly<Record<string, unknown>>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal as saved values: JSON with object keys in a fixed order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

function mergeAt(
  base: unknown,
  mine: unknown,
  theirs: unknown,
  path: string,
  conflicts: string[],
): unknown {
  if (sameValue(mine, theirs)) return mine;
  if (sameValue(mine, base)) return theirs;
  if (sameValue(theirs, base)) return mine;

  if (isPlainObject(mine) && isPlainObject(theirs)) {
    const before = isPlainObject(base) ? base : {};
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const value = mergeAt(
        before[key],
        mine[key],
        theirs[key],
        path === '' ? key : `${path}.${key}`,
        conflicts,
      );
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }

  conflicts.push(path);
  return theirs;
}

export function mergeChanges<T>(base: T, mine: T, theirs: T): Merged<T> {
  const conflicts: string[] = [];
  const value = mergeAt(base, mine, theirs, '', conflicts) as T;
  return { value, conflicts };
}
