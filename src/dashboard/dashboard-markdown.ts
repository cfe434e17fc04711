import { type SprintStatus, type TaskStatus } from '../sprints/model/vocabulary.js';
import type { SprintRows } from '../read-models/sprint-rows.js';
import { buildDashboard } from './dashboard.js';
import { buildSprintKpis } from './sprint-kpis.js';

const width = 65;

/**
 * Text that stays on its line: line breaks and other control characters become spaces, so
 * nothing a client wrote can end a code fence or a table row, or start a heading.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** Client text in Markdown prose (a heading): on one line, its markup characters escaped. */
function prose(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]<>()#!|~]/g, (character) => `\\${character}`);
}

/** Text cut or padded to exactly `size` characters, on one line: the cells of code boxes. */
function fit(text: string, size: number): string {
  const line = oneLine(text);
  return line.length > size ? `${line.slice(0, size - 1)}…` : line.padEnd(size);
}

function box(sections: readonly (readonly string[])[]): string[] {
  const lines = [`┌${'─'.repeat(width)}┐`];
  sections.forEach((section, index) => {
    if (index > 0) lines.push(`├${'─'.repeat(width)}┤`);
    for (const line of section) lines.push(`│  ${fit(line, width - 2)}│`);
  });
  lines.push(`└${'─'.repeat(width)}┘`);
  return lines;
}

/** A table in the reference's box style: a title row, a header row, then the rows or a note. */
function table(
  title: string,
  columns: readonly { readonly name: string; readonly size: number }[],
  rows: readonly (readonly string[])[],
  empty: string,
): string[] {
  const inner = columns.reduce((sum, column) => sum + column.size, 0) + columns.length - 1;
  const rule = (left: string, middle: string, right: string) =>
    `${left}${columns.map((column) => '─'.repeat(column.size)).join(middle)}${right}`;
  const row = (cells: readonly string[]) =>
    `│${columns.map((column, index) => ` ${fit(cells[index] ?? '', column.size - 1)}`).join('│')}│`;
  return [
    `┌${'─'.repeat(inner)}┐`,
    `│  ${fit(title, inner - 2)}│`,
    rule('├', '┬', '┤'),
    row(columns.map((column) => column.name)),
    rule('├', '┼', '┤'),
    ...(rows.length ? rows.map(row) : [`│  ${fit(empty, inner - 2)}│`]),
    rule('└', '┴', '┘'),
  ];
}

const mark: Record<TaskStatus, string> = {
  NOT_STARTED: '□',
  IN_PROGRESS: '◐',
  BLOCKED: '⊘',
  COMPLETE: '✓',
};
const phaseMark = {
  NOT_STARTED: '□ Not Started',
  IN_PROGRESS: '◐ In Progress',
  COMPLETE: '✓ Complete',
};
const sprintWords: Record<SprintStatus, string> = {
  PLANNED: 'READY FOR EXECUTION',
  ACTIVE: 'IN PROGRESS',
  COMPLETE: 'COMPLETE',
};
const hours = (value: number) => `${Math.round(value * 100) / 100}h`;
const range = (min: number, max: number) => (min === max ? `${min}` : `${min}-${max}`);
const bar = (done: number, total: number, size: number) => {
  const filled = total > 0 ? Math.round((done / total) * size) : 0;
  return `[${'■'.repeat(filled)}${'□'.repeat(size - filled)}]`;
};
const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

/**
 * The sprint as the coordination dashboard document the reference keeps by hand, rendered from
 * the read models: the status box, agent boxes, phase trackers, critical path, blockers,
 * issues, communications, checkpoints, deliverables, metrics and risks. `now` is when it is
 * rendered, for how long open blockers have been open.
 */
export function renderDashboardMarkdown(rows: SprintRows, now: string): string {
  const dashboard = buildDashboard(rows);
  const metrics = buildSprintKpis(rows);
  const { overview } = dashboard;
  const sprint = rows.overview;
  const out: string[] = [];
  const code = (lines: readonly string[]) =>
    out.push('```', ...lines.map(oneLine), '```', '', '---', '');

  out.push(`# ${prose(sprint.name)} - Coordination Dashboard`, '');
  out.push('**Real-time coordination status and quick reference guide**', '', '---', '');
  out.push('## Quick Status Overview', '');
  code(
    box([
      [
        `${' '.repeat(18)}${(sprint.name.split(':')[0] ?? 'Sprint').toUpperCase()} STATUS DASHBOARD`,
      ],
      [
        `Sprint: ${sprint.name.replace(/^Sprint \d+: /, '')}`,
        `Branch: ${sprint.branch ?? '-'}`,
        `Status: ${sprintWords[sprint.status]}`,
        `Start Date: ${sprint.startDate ?? (sprint.startedAt ? time(sprint.startedAt) : 'TBD')}`,
        `Target Completion: ${sprint.startDate ?? 'TBD'} + ${range(sprint.targetHours.min, sprint.targetHours.max)} hours`,
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
  );

  out.push('## Agent Assignments & Status', '');
  dashboard.agents.forEach((agent, index) => {
    out.push(`### ${index + 1}. ${prose(agent.name)} (${prose(agent.role)})`, '');
    code(
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
    );
  });

  out.push('## Phase Status Tracker', '');
  for (const phase of dashboard.phases) {
    out.push(
      `### Phase ${phase.number}: ${prose(phase.name)} (${range(phase.estimateHours.min, phase.estimateHours.max)} hours)`,
      '',
    );
    const dependencies = phase.dependsOn.length
      ? `Phase ${phase.dependsOn.join(', ')} complete`
      : 'None (can start immediately)';
    code([
      `Status: ${phaseMark[phase.status]}`,
      `Assigned: ${phase.assignedAgents.join(', ')}`,
      `Dependencies: ${dependencies}`,
      '',
      'Tasks:',
      ...phase.tasks.map(
        (task) =>
          `  ${mark[task.status]} ${fit(`${task.id} ${task.title}`, 45)} [${Math.round(task.actualHours * 100) / 100}/${task.estimateHours}h]  (${task.assignees.join(', ')})`,
      ),
      '',
      'Deliverables:',
      ...(phase.deliverables.length
        ? phase.deliverables.map(
            (deliverable) => `  ${deliverable.done ? '✓' : '□'} ${deliverable.name}`,
          )
        : ['  -']),
      '',
      phase.waitingFor.length ? 'Blockers:' : 'Blockers: None',
      ...phase.waitingFor.map((reason) => `  - ${reason}`),
      ...(phase.criticalPath ? ['', 'Critical Path: YES'] : []),
      ...(phase.riskLevel ? [`Risk Level: ${phase.riskLevel}`] : []),
    ]);
  }

  const path = dashboard.criticalPath;
  const current = dashboard.phases.find((phase) => phase.status === 'IN_PROGRESS');
  const chain = path.chains[0] ?? [];
  const durations = new Map(path.tasks.map((task) => [task.taskId, task.durationHours]));
  out.push('## Critical Path Monitoring', '');
  code([
    `Current Phase: ${current ? `Phase ${current.number}: ${current.name}` : overview.phasesComplete === overview.phaseCount ? 'Complete' : 'Not Started'}`,
    `Critical Path Position: ${path.hoursDone}/${path.totalHours} hours (${path.percentDone}%)`,
    '',
    'Critical Path Sequence:',
    ...chunk(
      chain.map((id) => `${id} (${hours(durations.get(id) ?? 0)})`),
      5,
    ).map((part, index) => `  ${index ? '→ ' : ''}${part.join(' → ')}`),
    '',
    `Total Critical Path: ${path.totalHours} hours (plan: ${sprint.criticalPathHours ?? '-'} hours)`,
    `With Buffers: ${sprint.bufferedHours ?? '-'} hours`,
  ]);

  out.push('## Blocker Tracking', '');
  const open = rows.blockers.filter((blocker) => blocker.status === 'OPEN');
  code([
    ...table(
      'ACTIVE BLOCKERS',
      [
        { name: 'ID', size: 6 },
        { name: 'Severity', size: 10 },
        { name: 'Agent', size: 17 },
        { name: 'Task', size: 6 },
        { name: 'Hours', size: 7 },
        { name: 'Status', size: 8 },
      ],
      open.map((blocker) => [
        blocker.id,
        blocker.severity,
        blocker.agent,
        blocker.taskId ?? '-',
        hours(Math.max(0, Date.parse(now) - Date.parse(blocker.raisedAt)) / 3_600_000),
        blocker.status,
      ]),
      'No active blockers',
    ),
    '',
    'Blocker Legend:',
    '  P0 - Critical: Blocks all work',
    '  P1 - High: Blocks agent work',
    '  P2 - Medium: Workaround possible',
    '  P3 - Low: Nice to fix',
  ]);

  out.push('## Issue Registry', '');
  code(
    table(
      'ISSUE TRACKING',
      [
        { name: 'ID', size: 6 },
        { name: 'Severity', size: 10 },
        { name: 'Title', size: 24 },
        { name: 'Phase', size: 7 },
        { name: 'Status', size: 13 },
        { name: 'Assigned', size: 17 },
      ],
      rows.issues.map((issue) => [
        issue.id,
        issue.severity,
        issue.title,
        issue.phase === null ? '-' : String(issue.phase),
        issue.status,
        issue.assignee ?? '-',
      ]),
      'No issues reported yet',
    ),
  );

  out.push('## Communication Log', '');
  code(
    table(
      'INTER-AGENT COMMUNICATIONS',
      [
        { name: 'Time', size: 18 },
        { name: 'From', size: 16 },
        { name: 'To', size: 16 },
        { name: 'Subject', size: 22 },
        { name: 'Type', size: 14 },
      ],
      rows.communications.map((message) => [
        time(message.at),
        message.from,
        message.to ?? 'everyone',
        message.subject,
        `${message.type}${message.answer ? ' ✓' : ''}`,
      ]),
      'No communications logged yet',
    ),
  );

  out.push('## Checkpoint Status', '');
  code(
    table(
      'CHECKPOINT TRACKER',
      [
        { name: 'Checkpoint', size: 32 },
        { name: 'Phase', size: 9 },
        { name: 'Hour', size: 8 },
        { name: 'Status', size: 13 },
        { name: 'Result', size: 24 },
      ],
      rows.checkpoints.map((checkpoint, index) => [
        `${index + 1}. ${checkpoint.name}`,
        `Phase ${checkpoint.phase}`,
        range(checkpoint.hourWindow.from, checkpoint.hourWindow.to),
        checkpoint.status,
        checkpoint.result ?? '-',
      ]),
      'No checkpoints planned',
    ),
  );

  out.push('## Deliverable Status', '');
  const byCategory = (category: string) =>
    rows.deliverables
      .filter((deliverable) => deliverable.category === category)
      .map((deliverable) => `  ${deliverable.done ? '✓' : '□'} ${deliverable.name}`);
  code([
    'DELIVERABLE CHECKLIST',
    '',
    'CODE DELIVERABLES',
    ...byCategory('CODE'),
    '',
    'DOCUMENTATION DELIVERABLES',
    ...byCategory('DOCUMENTATION'),
    '',
    'VALIDATION DELIVERABLES',
    ...byCategory('VALIDATION'),
    '',
    `Progress: ${metrics.deliverablesDone}/${metrics.deliverableCount} deliverables (${metrics.deliverablesPercent}%)`,
  ]);

  const line = (cells: readonly string[], sizes: readonly number[]) =>
    cells
      .map((cell, index) =>
        index === 0 ? fit(cell, sizes[0] ?? 28) : ` ${fit(cell, (sizes[index] ?? 8) - 1)}`,
      )
      .join('│');
  const timeSizes = [28, 10, 9, 9];
  out.push('## Metrics Tracking', '', '### Time Metrics', '');
  code([
    line(['Metric', 'Planned', 'Actual', 'Variance'], timeSizes),
    ...[metrics.total, ...metrics.phases].map((metric) =>
      line(
        [
          metric.name === 'Total Sprint Hours' ? metric.name : `${metric.name} Duration`,
          `${range(metric.plannedMin, metric.plannedMax)}h`,
          hours(metric.actualHours),
          hours(metric.varianceHours),
        ],
        timeSizes,
      ),
    ),
    line(
      [
        'Blocker Resolution Time',
        'N/A',
        metrics.blockerResolutionHours === null ? '-' : hours(metrics.blockerResolutionHours),
        '-',
      ],
      timeSizes,
    ),
    line(
      [
        'Checkpoint Validation Time',
        '-',
        metrics.checkpointValidationHours === null ? '-' : hours(metrics.checkpointValidationHours),
        '-',
      ],
      timeSizes,
    ),
  ]);
  const statusMark = { MET: '✓', NOT_MET: '✗', PENDING: '□' };
  out.push('### Quality Metrics', '');
  code([
    line(['Metric', 'Target', 'Actual', 'Status'], timeSizes),
    ...metrics.quality.map((metric) =>
      line(
        [metric.metric, metric.target, metric.actual ?? '-', statusMark[metric.status]],
        timeSizes,
      ),
    ),
  ]);
  out.push('### Velocity Metrics', '');
  code([
    line(['Metric', 'Planned', 'Actual', 'Ratio'], timeSizes),
    ...[metrics.velocity, ...metrics.phaseVelocity].map((velocity) =>
      line(
        [
          `${velocity.name} Velocity`,
          hours(velocity.plannedHours),
          hours(velocity.actualHours),
          velocity.ratio === null ? '-' : `${velocity.ratio}x`,
        ],
        timeSizes,
      ),
    ),
  ]);

  out.push('## Risk Indicators', '');
  code([
    ...table(
      'RISK DASHBOARD',
      [
        { name: 'Risk Category', size: 25 },
        { name: 'Severity', size: 11 },
        { name: 'Status', size: 11 },
        { name: 'Mitigation', size: 16 },
      ],
      rows.risks.map((risk) => [risk.category, risk.severity, risk.status, risk.mitigation]),
      'No risks identified',
    ),
  ]);

  out.push(`**Events recorded**: ${sprint.version}`, '');
  return out.map((text) => text.trimEnd()).join('\n');
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
