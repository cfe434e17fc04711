import { badge, h, hours, time } from './dom.js';
import { empty, section, table } from './panels.js';
import type { SprintPageData } from './queries.js';

type Sprint = NonNullable<SprintPageData['sprint']>;
type Forecast = SprintPageData['forecast'];

/** When the sprint will finish, from its actuals: P50 and P90, and the tasks that drive it. */
export function forecast(data: Forecast): HTMLElement {
  return section(
    'Forecast',
    'forecast',
    !data?.finishP50 || !data.finishP90
      ? empty('The forecast starts with the sprint.')
      : h(
          'p',
          {},
          h('b', {}, `P50 ${time(data.finishP50)}`),
          ` (${hours(data.remainingHoursP50)} left), `,
          h('b', {}, `P90 ${time(data.finishP90)}`),
          ` (${hours(data.remainingHoursP90)} left). `,
          h(
            'span',
            { class: 'muted' },
            data.observedTasks === 0
              ? 'No task finished yet: at the estimates.'
              : `${data.observedTasks} finished tasks took ${data.medianRatio}× their estimates.`,
            data.drivers.length ? ` Driven by ${data.drivers.join(', ')}.` : '',
          ),
        ),
  );
}

/** The sprint's clocks: who holds what until when, who went silent, what escalated or is late. */
export function clocks(sprint: Sprint): HTMLElement {
  const held = sprint.tasks.filter((task) => task.lease !== null || task.leaseExpiries > 0);
  const silent = sprint.agents.filter((agent) => agent.unresponsiveSince !== null);
  const escalated = sprint.blockers.nodes.filter(
    (blocker) => blocker.status === 'OPEN' && blocker.escalations > 0,
  );
  const overdue = sprint.checkpoints.filter((checkpoint) => checkpoint.overdueAt !== null);
  const rows = [
    ...held.map((task) => [
      `Task ${task.id}`,
      task.lease
        ? `held by ${task.lease.agent} until ${time(task.lease.expiresAt)}${task.lease.note ? `: ${task.lease.note}` : ''}`
        : `back in the queue after ${task.leaseExpiries} lost lease(s)`,
    ]),
    ...silent.map((agent) => [
      agent.name,
      h('span', {}, badge('UNRESPONSIVE'), ` since ${time(agent.unresponsiveSince ?? '')}`),
    ]),
    ...escalated.map((blocker) => [
      `${blocker.id} (${blocker.severity})`,
      `escalated to ${blocker.escalatedTo ?? '?'} (level ${blocker.escalations})`,
    ]),
    ...overdue.map((checkpoint) => [
      checkpoint.name,
      `overdue since ${time(checkpoint.overdueAt ?? '')}`,
    ]),
  ];
  return section(
    'Leases and clocks',
    'clocks',
    rows.length === 0 ? empty('No leases held, nothing late.') : table(['What', 'State'], rows),
  );
}
