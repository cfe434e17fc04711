import type { BlockerState } from '../sprints/model/state.js';
import { escalationTimes } from '../sprints/timing/clocks.js';
import { coordinator } from '../sprints/model/vocabulary.js';
import { code, hours, range, table, time } from './markdown-text.js';
import type { MarkdownView } from './markdown-view.js';

/** An open blocker's clock: whom it went to, and whom it goes to next, when. */
function blockerClock(rows: MarkdownView['rows'], blocker: BlockerState): string {
  const task = rows.tasks.find((each) => each.id === blocker.taskId);
  const critical = rows.phases.find((phase) => phase.number === task?.phase)?.criticalPath;
  const contact = rows.overview.escalation ?? coordinator;
  const backup = rows.agents.find((agent) => agent.name === blocker.agent)?.backup ?? contact;
  const next = escalationTimes(rows.overview.timing, blocker, critical ?? false).find(
    ({ level }) => level > blocker.escalations,
  );
  const done = blocker.escalatedTo ? `escalated to ${blocker.escalatedTo}; ` : '';
  const coming = next
    ? `goes to ${next.level === 1 ? backup : contact} at ${time(next.dueAt)}`
    : 'with the escalation contact';
  return `  ${blocker.id}: ${done}${coming}`;
}

/** Blocker Tracking: the open blockers and how long each has been open. */
export function blockerTracking({ rows, now }: MarkdownView): string[] {
  const open = rows.blockers.filter((blocker) => blocker.status === 'OPEN');
  return [
    '## Blocker Tracking',
    '',
    ...code([
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
      ...open.map((blocker) => blockerClock(rows, blocker)),
      '',
      'Blocker Legend:',
      '  P0 - Critical: Blocks all work',
      '  P1 - High: Blocks agent work',
      '  P2 - Medium: Workaround possible',
      '  P3 - Low: Nice to fix',
    ]),
  ];
}

export function issueRegistry({ rows }: MarkdownView): string[] {
  return [
    '## Issue Registry',
    '',
    ...code(
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
    ),
  ];
}

export function communicationLog({ rows }: MarkdownView): string[] {
  return [
    '## Communication Log',
    '',
    ...code(
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
    ),
  ];
}

export function checkpointStatus({ rows }: MarkdownView): string[] {
  return [
    '## Checkpoint Status',
    '',
    ...code(
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
          checkpoint.overdueAt && !checkpoint.decidedAt ? 'OVERDUE' : checkpoint.status,
          checkpoint.result ?? '-',
        ]),
        'No checkpoints planned',
      ),
    ),
  ];
}

export function deliverableStatus({ rows, kpis }: MarkdownView): string[] {
  const byCategory = (category: string) =>
    rows.deliverables
      .filter((deliverable) => deliverable.category === category)
      .map(
        (deliverable) =>
          `  ${deliverable.done ? '✓' : '□'} ${deliverable.path ?? deliverable.name}`,
      );
  return [
    '## Deliverable Status',
    '',
    ...code([
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
      `Progress: ${kpis.deliverablesDone}/${kpis.deliverableCount} deliverables (${kpis.deliverablesPercent}%)`,
    ]),
  ];
}
