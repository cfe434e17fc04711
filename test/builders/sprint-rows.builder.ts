import { historyFacts } from '../../src/read-models/history-rows.js';
import {
  progressEventTypes,
  type ProgressEvent,
  type SprintRows,
} from '../../src/read-models/sprint-rows.js';
import { scopeEventTypes } from '../../src/sprints/scope/scope.events.js';
import type { SprintEvent } from '../../src/sprints/sprint-events.js';
import { fold } from '../../src/sprints/sprint.js';

/**
 * A sprint's read-model rows as the state its events leave: the rows keep the state's shape, so
 * the pure builders (dashboard, KPIs, markdown) are tested without a database.
 */
/** What is in the plan now: the rows a view reads leave cancelled records out. */
const live = <Item extends { readonly status: string }>(items: Item[]) =>
  items.filter((item) => item.status !== 'CANCELLED');

export function rowsOf(events: readonly SprintEvent[]): SprintRows {
  const {
    agents,
    phases,
    tasks,
    blockers,
    issues,
    communications,
    checkpoints,
    deliverables,
    risks,
    qualityTargets,
    commands,
    nextSteps,
    ...overview
  } = fold(null, events);
  return {
    overview: { ...overview, version: events.length, updatedAt: events.at(-1)?.data.at ?? null },
    agents: Object.values(agents).filter((agent) => agent.status !== 'RETIRED'),
    // A phase's tasks are not a column: the rows name their phase instead.
    phases: live(Object.values(phases)).map(
      (phase) =>
        Object.fromEntries(Object.entries(phase).filter(([key]) => key !== 'taskIds')) as Omit<
          typeof phase,
          'taskIds'
        >,
    ),
    tasks: live(Object.values(tasks)),
    blockers: Object.values(blockers),
    issues: Object.values(issues),
    communications: Object.values(communications),
    checkpoints: live(Object.values(checkpoints)),
    deliverables: Object.values(deliverables).filter((item) => item.cancelledAt === null),
    risks: Object.values(risks),
    qualityTargets: Object.values(qualityTargets).filter((item) => item.removedAt === null),
    commands: Object.values(commands).filter((item) => item.blocks.length > 0),
    nextSteps: Object.values(nextSteps).filter((item) => item.removedAt === null),
    progressEvents: events.flatMap((event, index) => {
      if (!(progressEventTypes as readonly string[]).includes(event.type)) return [];
      const facts = historyFacts(event.type, event.data);
      return [
        {
          type: event.type as ProgressEvent['type'],
          version: index + 1,
          taskId: facts.task_id,
          at: event.data.at,
          from: facts.from_value,
          to: facts.to_value,
          hours: facts.hours,
        },
      ];
    }),
    scopeLog: events.flatMap((event, index) => {
      if (!(scopeEventTypes as readonly string[]).includes(event.type)) return [];
      const facts = historyFacts(event.type, event.data);
      const { subject, hours, from_value: from, to_value: to } = facts;
      const entry = { at: event.data.at, type: event.type, actor: null, subject, from, to, hours };
      return [{ version: index + 1, ...entry }];
    }),
  };
}
