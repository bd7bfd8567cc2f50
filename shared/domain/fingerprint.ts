/**
 * A certificate fingerprint laid out for people: upper-case hex in groups of
 * four, so that two people on the phone can read it to each other and tick
 * off one group at a time. 64 hex digits make 16 groups.
 */
export function fingerprintGroups(hex: string): string[] {
  const digits = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const groups: string[] = [];
  for (let start = 0; start < digits.length; start += 4)
    groups.push(digits.slice(start, start + 4));
  return groups;
}

/** The same groups on one line, separated by spaces. */
export function formatFingerprint(hex: string): string {
  return fingerprintGroups(hex).join(' ');
}
