import { z } from 'zod';
import { fact, id, type EventsOf } from '../model/event-kit.js';

/** Checkpoint reviews. */
export const checkpointEvents = {
  CheckpointStarted: [
    fact('A checkpoint’s review started.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'FAILED']),
      to: z.literal('IN_PROGRESS'),
    }),
  ],
  CheckpointPassed: [
    fact('A checkpoint passed.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'IN_PROGRESS']),
      to: z.literal('PASSED'),
      result: z.string(),
    }),
  ],
  CheckpointFailed: [
    fact('A checkpoint failed.', {
      checkpointId: id,
      from: z.enum(['PENDING', 'IN_PROGRESS']),
      to: z.literal('FAILED'),
      reason: z.string(),
    }),
  ],
} as const;

export type CheckpointEvent = EventsOf<typeof checkpointEvents>;
