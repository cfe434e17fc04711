import type { SprintCommand } from '../../src/sprints/sprint.js';

/** Commands the seams' specs give, in the words of the test plan (aSprintPlan). */
export const start = (taskId: string, agent: string, forceReason?: string): SprintCommand => ({
  kind: 'StartTask',
  taskId,
  agent,
  forceReason,
});
export const complete = (taskId: string): SprintCommand => ({ kind: 'CompleteTask', taskId });
export const raise = (
  severity: 'P0' | 'P1' | 'P2' | 'P3',
  agent: string,
  taskId: string | null = null,
): SprintCommand => ({ kind: 'RaiseBlocker', severity, agent, taskId, description: 'stuck' });
export const resolve = (blockerId: string): SprintCommand => ({
  kind: 'ResolveBlocker',
  blockerId,
  resolution: 'fixed',
});
export const phasesOneAndTwoDone = [
  start('1.1', 'dev'),
  complete('1.1'),
  start('1.2', 'dev'),
  complete('1.2'),
  start('2.1', 'qa'),
  complete('2.1'),
];
export const claim = (taskId: string, agent: string): SprintCommand => ({
  kind: 'ClaimTask',
  taskId,
  agent,
});
export const heartbeat = (taskId: string, agent: string, note?: string): SprintCommand => ({
  kind: 'Heartbeat',
  taskId,
  agent,
  note,
});
export const release = (taskId: string, agent: string): SprintCommand => ({
  kind: 'ReleaseTask',
  taskId,
  agent,
});
export const passTime: SprintCommand = { kind: 'PassTime' };
