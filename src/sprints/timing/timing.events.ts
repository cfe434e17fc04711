import { z } from 'zod';
import { fact, id, name, type EventsOf } from '../model/event-kit.js';
import { blockerSeverities } from '../model/vocabulary.js';

const at = z.iso.datetime();
const severity = z.enum(blockerSeverities);

/** Back to the ready queue: the task was in progress (or blocked) under a lease. */
const backToQueue = {
  from: z.enum(['IN_PROGRESS', 'BLOCKED']),
  to: z.literal('NOT_STARTED'),
};

/**
 * The sprint's clocks: claims on tasks held by heartbeats, and what the service records as
 * time passes (an expired lease, an escalated blocker, an overdue checkpoint), as SYSTEM.
 *
 * Heartbeats are kept cheap: one within the first half of its lease records nothing (the
 * answer says when the lease runs out); `TaskLeaseRenewed` is recorded only once half the
 * lease has passed, or when the heartbeat carries a new progress note. An agent beating every
 * 10 s on a 300 s lease writes one event in 150 s.
 */
export const timingEvents = {
  TaskClaimed: [
    fact('An agent claimed a task: it holds it while its lease is renewed.', {
      taskId: id,
      agent: name,
      leaseSeconds: z.int().positive(),
      expiresAt: at.describe('When the lease runs out unless renewed.'),
    }),
  ],
  TaskLeaseRenewed: [
    fact('A heartbeat renewed the lease on a claimed task.', {
      taskId: id,
      agent: name,
      expiresAt: at,
      note: z.string().nullable().describe('The agent’s last progress note.'),
    }),
  ],
  TaskReleased: [
    fact('An agent gave a claimed task back to the ready queue.', {
      taskId: id,
      agent: name,
      ...backToQueue,
      reason: z.string().nullable(),
    }),
  ],
  TaskLeaseExpired: [
    fact('A lease ran out without a heartbeat: the task went back to the ready queue.', {
      taskId: id,
      agent: name.describe('The agent that held it, now shown as unresponsive.'),
      ...backToQueue,
      expiredAt: at.describe('When the lease ran out (the event is recorded at or after it).'),
      expiries: z.int().positive().describe('How many of this task’s leases have run out.'),
      flagged: z
        .boolean()
        .describe('True when the task now waits for the coordinator instead of the queue.'),
    }),
  ],
  BlockerEscalated: [
    fact('A blocker stayed open past its time and went to someone who can unblock it.', {
      blockerId: id,
      level: z.int().min(1).max(2).describe('1: past its response time; 2: past resolution.'),
      to: name.describe('Whom it went to: the blocked agent’s backup, or the escalation contact.'),
      dueAt: at.describe('When its time ran out.'),
      severity: z
        .strictObject({ from: severity, to: severity })
        .nullable()
        .describe('Set when the plan raises an escalated blocker’s severity.'),
    }),
  ],
  CheckpointOverdue: [
    fact('A checkpoint’s hour window passed without a decision.', {
      checkpointId: id,
      dueAt: at.describe('The end of its hour window.'),
    }),
  ],
} as const;

export type TimingEvent = EventsOf<typeof timingEvents>;
