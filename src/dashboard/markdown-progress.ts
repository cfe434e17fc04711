import { isSlow } from '../sprints/timing/clocks.js';
import type { TaskState } from '../sprints/model/state.js';
import {
  bar,
  box,
  chunk,
  code,
  fit,
  hours,
  mark,
  phaseMark,
  prose,
  range,
  sprintWords,
  time,
} from './markdown-text.js';
import type { BaselinePath } from '../sprints/model/state.js';
import type { HourRange } from '../sprints/model/vocabulary.js';
import type { MarkdownView } from './markdown-view.js';
import { targetCompletionOf } from './scope-metrics.js';

/**
 * When the sprint should finish: before it starts, its start and target hours as planned; once
 * it runs, the forecast from its actuals (P50, and P90 beside it).
 */
function targetCompletion({ rows, forecast }: MarkdownView): string {
  const sprint = rows.overview;
  if (sprint.startedAt === null || !forecast?.finishP50 || !forecast.finishP90) {
    return `${sprint.startDate ?? 'TBD'} + ${range(sprint.targetHours.min, sprint.targetHours.max)} hours`;
  }
  return `${time(forecast.finishP50)} (P50; P90 ${time(forecast.finishP90)})`;
}

/** As planned: the start plus the critical path, done tasks at their actual hours. */
function plannedFinish({ rows, dashboard }: MarkdownView): string {
  const path = dashboard.criticalPath.totalHours;
  const finish = targetCompletionOf(rows.overview.startedAt, path);
  return finish ? `; as planned ${time(finish)} (+${hours(path)} critical path)` : '';
}

/** The title and the Quick Status Overview box. */
export function statusOverview(view: MarkdownView): string[] {
  const { rows, dashboard } = view;
  const { overview } = dashboard;
  const sprint = rows.overview;
  return [
    `# ${prose(sprint.name)} - Coordination Dashboard`,
    '',
    '**Real-time coordination status and quick reference guide**',
    '',
    '---',
    '',
    '## Quick Status Overview',
    '',
    ...code(
      box([
        [
          `${' '.repeat(18)}${(sprint.name.split(':')[0] ?? 'Sprint').toUpperCase()} STATUS DASHBOARD`,
        ],
        [
          `Sprint: ${sprint.name.replace(/^Sprint \d+: /, '')}`,
          `Branch: ${sprint.branch ?? '-'}`,
          `Status: ${sprintWords[sprint.status]}`,
          `Start Date: ${sprint.startDate ?? (sprint.startedAt ? time(sprint.startedAt) : 'TBD')}`,
          `Target Completion: ${targetCompletion(view)}`,
        ],
        [
          `Phase Progress:         ${bar(overview.phasesComplete, overview.phaseCount, overview.phaseCount)}  ${overview.phasesComplete}/${overview.phaseCount} phases complete`,
          `Overall Progress:       ${bar(overview.progressPercent, 100, 10)}  ${overview.progressPercent}%`,
          `Active Agents:          ${overview.activeAgents}/${overview.agentCount}`,
          `Blockers:               ${overview.openBlockers}`,
          `Issues Found:           ${overview.issuesFound}`,
          `Issues Resolved:        ${overview.issuesResolved}`,
        ],
      ]),
    ),
    ...forecastLine(view),
  ];
}

/** The forecast under the box, once the sprint runs: P50 and P90, and what drives them. */
function forecastLine(view: MarkdownView): string[] {
  const { forecast } = view;
  if (!forecast?.finishP50 || !forecast.finishP90) return [];
  const basis =
    forecast.observedTasks === 0
      ? 'no task finished yet, so at the estimates'
      : `${forecast.observedTasks} finished tasks took ${forecast.medianRatio}× their estimates`;
  const drivers = forecast.drivers.length ? `; driven by ${forecast.drivers.join(', ')}` : '';
  return [
    '',
    `**Forecast**: P50 ${time(forecast.finishP50)} (${hours(forecast.remainingHoursP50)} left), P90 ${time(forecast.finishP90)} (${hours(forecast.remainingHoursP90)} left); ${basis}${drivers}${plannedFinish(view)}.`,
  ];
}

/** Agent Assignments & Status: a box per agent. */
export function agentAssignments({ dashboard }: MarkdownView): string[] {
  return [
    '## Agent Assignments & Status',
    '',
    ...dashboard.agents.flatMap((agent, index) => [
      `### ${index + 1}. ${prose(agent.name)} (${prose(agent.role)})`,
      '',
      ...code(
        box([
          [
            `Agent: ${agent.name}`,
            `Status: ${agent.status}`,
            `Current Task: ${agent.currentTask ? `Task ${agent.currentTask.id} - ${agent.currentTask.title}` : 'None'}`,
            `Progress: ${agent.tasksDone}/${agent.taskCount} tasks`,
            `Next Task: ${agent.nextTask ? `Task ${agent.nextTask.id} - ${agent.nextTask.title}` : 'None'}`,
          ],
          [
            'Active Tasks:',
            ...agent.tasks.map((task) => `  ${mark[task.status]} Task ${task.id}: ${task.title}`),
          ],
          [
            'Critical Dependencies:',
            ...agent.criticalDependencies.map((dependency) => `  - ${dependency}`),
            ...(agent.backup ? [`Backup: ${agent.backup}`] : []),
          ],
        ]),
      ),
    ]),
  ];
}

/** Who holds a task on a lease, until when, and whether slowly; or how many leases it lost. */
function leaseNote(task: TaskState, now: string): string {
  if (task.lease) {
    const slow = isSlow(task, now) ? ' (slow: held past its estimate, still beating)' : '';
    return `  held by ${task.lease.agent} until ${time(task.lease.expiresAt)}${slow}`;
  }
  return task.leaseExpiries > 0 ? `  ⚠ ${task.leaseExpiries} lost lease(s)` : '';
}

/** A task's estimate as the reference writes it: `2`, or `1-2` for a range. */
const estimate = (task: { estimateHours: number; estimateRange: HourRange | null }) =>
  task.estimateRange
    ? range(task.estimateRange.min, task.estimateRange.max)
    : `${task.estimateHours}`;

/** Phase Status Tracker: each phase's tasks, deliverables and what it waits for. */
export function phaseTracker({ dashboard, now }: MarkdownView): string[] {
  return [
    '## Phase Status Tracker',
    '',
    ...dashboard.phases.flatMap((phase) => [
      `### Phase ${phase.number}: ${prose(phase.name)} (${range(phase.estimateHours.min, phase.estimateHours.max)} hours)`,
      '',
      ...code([
        `Status: ${phaseMark[phase.status]}`,
        `Assigned: ${phase.assignedAgents.join(', ')}`,
        `Dependencies: ${phase.dependsOn.length ? `Phase ${phase.dependsOn.join(', ')} complete` : 'None (can start immediately)'}`,
        '',
        'Tasks:',
        ...phase.tasks.map(
          (task) =>
            `  ${mark[task.status]} ${fit(`${task.id} ${task.title}`, 45)} [${Math.round(task.actualHours * 100) / 100}/${estimate(task)}h]  (${task.assignees.join(', ')})${leaseNote(task, now)}`,
        ),
        '',
        'Deliverables:',
        ...(phase.deliverables.length
          ? phase.deliverables.map(
              (deliverable) =>
                `  ${deliverable.done ? '✓' : '□'} ${deliverable.path ?? deliverable.name}`,
            )
          : ['  -']),
        '',
        phase.waitingFor.length ? 'Blockers:' : 'Blockers: None',
        ...phase.waitingFor.map((reason) => `  - ${reason}`),
        ...(phase.criticalPath ? ['', 'Critical Path: YES'] : []),
        ...(phase.riskLevel ? [`Risk Level: ${phase.riskLevel}`] : []),
      ]),
    ]),
  ];
}

/** Critical Path Monitoring: where the sprint is on its longest chain. */
/** The critical path against the baseline: once the sprint runs, and only where they differ. */
function baselineLines(
  baseline: BaselinePath | null,
  now: number,
  chain: readonly string[],
): string[] {
  if (baseline === null) return [];
  const moved = baseline.hours !== now || baseline.chain.join() !== chain.join();
  return [
    `Baseline Critical Path: ${baseline.hours} hours at the start${moved ? `, ${baseline.chain.join(' → ')}` : ' (unchanged)'}`,
  ];
}

export function criticalPathMonitoring({ rows, dashboard }: MarkdownView): string[] {
  const { overview, criticalPath: path } = dashboard;
  const current = dashboard.phases.find((phase) => phase.status === 'IN_PROGRESS');
  const chain = path.chains[0] ?? [];
  const durations = new Map(path.tasks.map((task) => [task.taskId, task.durationHours]));
  const finished = overview.phasesComplete === overview.phaseCount ? 'Complete' : 'Not Started';
  return [
    '## Critical Path Monitoring',
    '',
    ...code([
      `Current Phase: ${current ? `Phase ${current.number}: ${current.name}` : finished}`,
      `Critical Path Position: ${path.hoursDone}/${path.totalHours} hours (${path.percentDone}%)`,
      '',
      'Critical Path Sequence:',
      ...chunk(
        chain.map((id) => `${id} (${hours(durations.get(id) ?? 0)})`),
        5,
      ).map((part, index) => `  ${index ? '→ ' : ''}${part.join(' → ')}`),
      '',
      `Total Critical Path: ${path.totalHours} hours (plan: ${rows.overview.criticalPathHours ?? '-'} hours)`,
      ...baselineLines(rows.overview.baselineCriticalPath, path.totalHours, chain),
      `With Buffers: ${rows.overview.bufferedHours ?? '-'} hours`,
    ]),
  ];
}
