/**
 * The v4.0.1 SAQ response model. One response per answer row (a requirement,
 * or one bullet of a requirement that the SAQ asks per bullet).
 */
export const RESPONSES = [
  'in-place',
  'in-place-ccw',
  'not-applicable',
  'not-tested',
  'not-in-place',
] as const;

export type Response = (typeof RESPONSES)[number];

export const RESPONSE_LABELS: Readonly<Record<Response, string>> = {
  'in-place': 'In Place',
  'in-place-ccw': 'In Place with CCW',
  'not-applicable': 'Not Applicable',
  'not-tested': 'Not Tested',
  'not-in-place': 'Not in Place',
};

/** SAQ types of the family. Which of them ship as definitions is decided by questionnaires/. */
export const SAQ_TYPES = [
  'A',
  'A-EP',
  'B',
  'B-IP',
  'C',
  'C-VT',
  'P2PE',
  'SPoC',
  'D-Merchant',
  'D-ServiceProvider',
] as const;

export type SaqType = (typeof SAQ_TYPES)[number];
