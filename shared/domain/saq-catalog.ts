import type { SaqType } from './responses';

/** Facts about each SAQ type that the rules need, independent of the loaded definitions. */

export const SAQ_TYPE_LABELS: Readonly<Record<SaqType, string>> = {
  A: 'SAQ A',
  'A-EP': 'SAQ A-EP',
  B: 'SAQ B',
  'B-IP': 'SAQ B-IP',
  C: 'SAQ C',
  'C-VT': 'SAQ C-VT',
  P2PE: 'SAQ P2PE',
  SPoC: 'SAQ SPoC',
  'D-Merchant': 'SAQ D for Merchants',
  'D-ServiceProvider': 'SAQ D for Service Providers',
};

/** The SAQ types this app can walk through today; the others are named but "not available yet". */
export const SHIPPED_SAQ_TYPES: readonly SaqType[] = ['A', 'A-EP', 'D-Merchant'];

export function isShipped(saq: SaqType): boolean {
  return SHIPPED_SAQ_TYPES.includes(saq);
}

/** "SAQ B (not available yet)" for a type this app does not ship. */
export function saqDisplayName(saq: SaqType): string {
  return isShipped(saq) ? SAQ_TYPE_LABELS[saq] : `${SAQ_TYPE_LABELS[saq]} (not available yet)`;
}

/** Only the two SAQ D editions offer "Not Tested" and the Full / Partial choice in Part 3. */
export function isSaqD(saq: SaqType): boolean {
  return saq === 'D-Merchant' || saq === 'D-ServiceProvider';
}

/** Every SAQ except D has eligibility statements in AOC Part 2h. */
export function hasEligibilityStatements(saq: SaqType): boolean {
  return !isSaqD(saq);
}
