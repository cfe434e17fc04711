import { z } from 'zod';
import {
  agent,
  change,
  idempotencyKey,
  orNull,
  sprintId,
  taskFields,
  taskId,
  type Definition,
} from './operation-kit.js';

/** The operations on a task an agent works: claim, start, keep, log, complete, give back. */
export const taskOperations: readonly Definition[] = [
  {
    name: 'claim_task',
    words: ['task', 'claim'],
    positional: ['taskId'],
    title: 'Claim a task',
    description:
      'Takes a task with a lease and starts it if it was ready. Of two agents claiming one task exactly one wins; the other gets ALREADY_CLAIMED with the holder. Keep the lease with heartbeat while you work; a lease that runs out sends the task back to the queue.',
    input: { sprintId, agent, taskId, idempotencyKey },
    request: change('claimTask', `task { ${taskFields} }`, (args, caller) => ({
      taskId: args.taskId,
      agent: caller.agent,
    })),
  },
  {
    name: 'start_task',
    words: ['task', 'start'],
    positional: ['taskId'],
    title: 'Start a task',
    description:
      'Starts a task without a lease, once its dependencies are complete and no P0/P1 stops you. Prefer claim_task, which also guards against two agents starting the same task. forceReason starts it in spite of unfinished dependencies, on the record.',
    input: {
      sprintId,
      agent,
      taskId,
      forceReason: z
        .string()
        .max(2000)
        .optional()
        .describe('Why the task starts before its dependencies are complete (recorded).'),
      idempotencyKey,
    },
    request: change('startTask', `task { ${taskFields} }`, (args, caller) => ({
      taskId: args.taskId,
      agent: caller.agent,
      forceReason: orNull(args.forceReason),
    })),
  },
  {
    name: 'heartbeat',
    words: ['task', 'heartbeat'],
    positional: ['taskId'],
    title: 'Keep my lease',
    description:
      'Renews your lease on a claimed task; call it every minute or so while working. Cheap: early in a lease it records nothing. A note says how the work goes. LEASE_LOST if the lease already ran out: claim the task again.',
    input: {
      sprintId,
      agent,
      taskId,
      note: z
        .string()
        .max(2000)
        .optional()
        .describe('A short progress note, shown with the lease.'),
    },
    request: change('heartbeat', `task { ${taskFields} }`, (args, caller) => ({
      taskId: args.taskId,
      agent: caller.agent,
      note: orNull(args.note),
    })),
  },
  {
    name: 'log_hours',
    words: ['task', 'log'],
    positional: ['taskId', 'hours'],
    title: 'Log hours',
    description:
      'Adds hours you spent on a task you work on (they feed actual vs estimated, the burndown and the forecast).',
    input: {
      sprintId,
      agent,
      taskId,
      hours: z.number().positive().max(1000).describe('Hours spent since the last log, e.g. 1.5.'),
      note: z.string().max(2000).optional().describe('What the hours went into.'),
      idempotencyKey,
    },
    request: change('logHours', `task { ${taskFields} }`, (args, caller) => ({
      taskId: args.taskId,
      agent: caller.agent,
      hours: args.hours,
      note: orNull(args.note),
    })),
  },
  {
    name: 'complete_task',
    words: ['task', 'complete'],
    positional: ['taskId'],
    title: 'Complete a task',
    description:
      'Marks a task complete; its lease ends and the tasks waiting on it may become ready.',
    input: { sprintId, taskId, idempotencyKey },
    request: change('completeTask', `task { ${taskFields} }`, (args) => ({
      taskId: args.taskId,
    })),
  },
  {
    name: 'release_task',
    words: ['task', 'release'],
    positional: ['taskId'],
    title: 'Give a task back',
    description:
      'Gives a claimed task back to the ready queue (its hours so far stay), for instance when you cannot finish it.',
    input: {
      sprintId,
      agent,
      taskId,
      reason: z.string().max(2000).optional().describe('Why you give it back.'),
      idempotencyKey,
    },
    request: change('releaseTask', `task { ${taskFields} }`, (args, caller) => ({
      taskId: args.taskId,
      agent: caller.agent,
      reason: orNull(args.reason),
    })),
  },
];
