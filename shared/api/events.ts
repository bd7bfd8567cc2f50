import { z } from 'zod';

/**
 * Events pushed from core to the page. Progress belongs to one request (the id
 * the page chose when it called a long operation); the others are broadcast.
 */
export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    requestId: z.string(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative().nullable(),
    stage: z.string(),
  }),
  z.object({ type: z.literal('vault-locked'), reason: z.enum(['user', 'idle', 'other-door']) }),
  z.object({ type: z.literal('vault-changed'), revision: z.number().int().nonnegative() }),
]);

export type ApiEvent = z.infer<typeof apiEventSchema>;
export type ApiEventListener = (event: ApiEvent) => void;
