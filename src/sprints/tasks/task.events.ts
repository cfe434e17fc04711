import { z } from 'zod';
import {
  change,
  fact,
  hours,
  id,
  list,
  name,
  statusChange,
  type EventsOf,
  type Upcasters,
} from '../model/event-kit.js';

const hoursLoggedV1 = {
  taskId: id,
  agent: name,
  hours: z.number().positive(),
  totalHours: hours.describe('The task’s hours so far, this entry included.'),
};

/** A task’s work: started, hours logged, completed, reopened, reassigned. */
export const taskEvents = {
  TaskStarted: [
    fact('An assignee started a task.', {
      taskId: id,
      agent: name,
      ...statusChange('NOT_STARTED', 'IN_PROGRESS'),
      forcedReason: z
        .string()
        .nullable()
        .describe('Set when a coordinator started it before its dependencies were complete.'),
    }),
  ],
  HoursLogged: [
    fact('An assignee logged hours on a task.', hoursLoggedV1),
    fact('An assignee logged hours on a task, saying what they were spent on.', {
      ...hoursLoggedV1,
      note: z.string().nullable().describe('What the hours were spent on (null before v2).'),
    }),
  ],
  TaskCompleted: [
    fact('A task was completed.', {
      taskId: id,
      ...statusChange('IN_PROGRESS', 'COMPLETE'),
      actualHours: hours,
    }),
  ],
  TaskReopened: [
    fact('A completed task was reopened.', {
      taskId: id,
      ...statusChange('COMPLETE', 'IN_PROGRESS'),
      reason: z.string(),
    }),
  ],
  TaskReassigned: [fact('A task’s assignees changed.', { taskId: id, ...change(list(name)) })],
} as const;

export type TaskEvent = EventsOf<typeof taskEvents>;

export const taskUpcasters: Upcasters<typeof taskEvents> = {
  HoursLogged: { 1: (data) => ({ ...data, note: null }) },
};
