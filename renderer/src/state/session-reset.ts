/**
 * Stores that hold vault content register a reset here. Locking the vault
 * (by the user, by idle time or from another window) calls every reset, so
 * that no answer text stays in memory or in the page.
 */
const resets = new Set<() => void>();
let clearing = false;

export function onVaultLocked(reset: () => void): void {
  resets.add(reset);
}

export function clearVaultContent(): void {
  clearing = true;
  try {
    for (const reset of resets) reset();
  } finally {
    clearing = false;
  }
}

/** True while the stores are being emptied for a lock (their moves are not the person's). */
export function isClearingVaultContent(): boolean {
  return clearing;
}
