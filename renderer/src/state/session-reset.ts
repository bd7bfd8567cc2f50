/**
 * Stores that hold vault content register a reset here. Locking the vault
 * (by the user, by idle time or from another window) calls every reset, so
 * that no answer text stays in memory or in the page.
 */
const resets = new Set<() => void>();

export function onVaultLocked(reset: () => void): void {
  resets.add(reset);
}

export function clearVaultContent(): void {
  for (const reset of resets) reset();
}
