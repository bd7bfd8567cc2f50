import { BULLET_ID_PATTERN, REQUIREMENT_ID_PATTERN } from './schema';
import type { AnswerRowId } from './types';

const SEPARATOR = '#';

/** `8.3.6` for a whole requirement, `4.2.1#b2` for its second bullet. */
export function answerRowId(requirementId: string, bulletId?: string | null): AnswerRowId {
  return bulletId == null ? requirementId : `${requirementId}${SEPARATOR}${bulletId}`;
}

/** Splits an answer-row id; null when it is not one. */
export function parseAnswerRowId(
  id: string,
): { readonly requirementId: string; readonly bulletId: string | null } | null {
  const [requirementId = '', bulletId, extra] = id.split(SEPARATOR);
  if (extra !== undefined || !REQUIREMENT_ID_PATTERN.test(requirementId)) return null;
  if (bulletId === undefined) return { requirementId, bulletId: null };

  return BULLET_ID_PATTERN.test(bulletId) ? { requirementId, bulletId } : null;
}

/** The principal requirement (`1`..`12`) or appendix (`A2`) a requirement belongs to. */
export function principalRequirementOf(requirementId: string): string {
  return requirementId.split('.')[0] ?? requirementId;
}
