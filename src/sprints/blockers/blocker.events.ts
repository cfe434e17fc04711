import { z } from 'zod';
import { change, fact, id, name, statusChange, type EventsOf } from '../model/event-kit.js';
import { blockerSeverities } from '../model/vocabulary.js';

const severity = z.enum(blockerSeverities);

/** Blockers: raised, re-graded, resolved, and the tasks they stop. */
export const blockerEvents = {
  TaskBlocked: [
    fact('A blocker stopped a task.', {
      taskId: id,
      ...statusChange('IN_PROGRESS', 'BLOCKED'),
      blockerId: id,
    }),
  ],
  TaskUnblocked: [
    fact('A task’s last blocker was resolved.', {
      taskId: id,
      ...statusChange('BLOCKED', 'IN_PROGRESS'),
      blockerId: id,
    }),
  ],
  BlockerRaised: [
    fact('An agent raised a blocker.', {
      blockerId: id,
      severity,
      agent: name,
      taskId: id.nullable(),
      description: z.string(),
      communicationId: id.nullable().describe('The BLOCKER message that raised it, if any.'),
    }),
  ],
  BlockerSeverityChanged: [
    fact('A blocker’s severity changed.', {
      blockerId: id,
      ...change(severity),
      reason: z.string().nullable(),
    }),
  ],
  BlockerResolved: [
    fact('A blocker was resolved.', {
      blockerId: id,
      ...statusChange('OPEN', 'RESOLVED'),
      resolution: z.string(),
    }),
  ],
} as const;

export type BlockerEvent = EventsOf<typeof blockerEvents>;
