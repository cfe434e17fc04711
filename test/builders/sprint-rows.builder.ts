import { isIssueResolved } from '../../src/sprints/model/rules.js';
import type { SprintRows } from '../../src/read-models/sprint-rows.js';
import type { SprintEvent } from '../../src/sprints/sprint-events.js';
import { fold } from '../../src/sprints/sprint.js';

/**
 * A sprint's read-model rows as the state its events leave: the rows keep the state's shape, so
 * the pure builders (dashboard, KPIs, markdown) are tested without a database.
 */
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
    ...overview
  } = fold(null, events);
  return {
    overview: { ...overview, version: events.length },
    agents: Object.values(agents),
    // A phase's tasks are not a column: the rows name their phase instead.
    phases: Object.values(phases).map(
      (phase) =>
        Object.fromEntries(Object.entries(phase).filter(([key]) => key !== 'taskIds')) as Omit<
          typeof phase,
          'taskIds'
        >,
    ),
    tasks: Object.values(tasks),
    blockers: Object.values(blockers),
    issues: Object.values(issues),
    communications: Object.values(communications),
    checkpoints: Object.values(checkpoints),
    deliverables: Object.values(deliverables),
    risks: Object.values(risks),
    qualityTargets: Object.values(qualityTargets),
    issueCounts: {
      found: Object.keys(issues).length,
      resolved: Object.values(issues).filter(isIssueResolved).length,
    },
    progressEvents: events.flatMap((event) =>
      event.type === 'TaskCompleted' || event.type === 'TaskReopened'
        ? [{ type: event.type, taskId: event.data.taskId, at: event.data.at }]
        : [],
    ),
  };
}
