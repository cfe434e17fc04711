import { burndownChart, ganttChart } from './charts.js';
import { badge, h, hours, progressBar, time } from './dom.js';
import { empty, section, table } from './panels.js';
import type { SprintListData, SprintPageData } from './queries.js';
import { commandReference, contacts, fileLocations, nextSteps } from './view-handbook.js';
import { clocks, forecast } from './view-clocks.js';
import { risks, scope } from './view-plan.js';

type Dashboard = NonNullable<SprintPageData['dashboard']>;
type Sprint = NonNullable<SprintPageData['sprint']>;

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

export function sprintList(data: SprintListData): HTMLElement {
  return h(
    'main',
    {},
    h('header', { class: 'top' }, h('h1', {}, 'Sprints')),
    data.sprints.nodes.length === 0
      ? empty('No sprint yet: import a plan with the importSprintPlan mutation.')
      : h(
          'ul',
          { class: 'sprints', 'data-testid': 'sprint-list' },
          data.sprints.nodes.map((sprint) =>
            h(
              'li',
              {},
              h('a', { href: `/sprints/${encodeURIComponent(sprint.id)}` }, sprint.name),
              ' ',
              badge(sprint.status),
              h('span', { class: 'muted' }, ` ${sprint.id}, version ${sprint.version}`),
            ),
          ),
        ),
  );
}

/** A labelled bar of `done` out of `total`, with its figure; `name` is what a screen reader says. */
function meter(label: string, done: number, total: number, text: string, name = label) {
  return h(
    'div',
    { class: 'meter' },
    h('span', {}, label),
    progressBar(percent(done, total), name),
    h('b', {}, text),
  );
}

function overview(dashboard: Dashboard): HTMLElement {
  const o = dashboard.overview;
  return section(
    'Status overview',
    'overview',
    h(
      'div',
      { class: 'meters' },
      meter('Progress', o.progressPercent, 100, `${Math.round(o.progressPercent)}%`),
      meter('Tasks', o.tasksComplete, o.taskCount, `${o.tasksComplete}/${o.taskCount}`),
      meter('Phases', o.phasesComplete, o.phaseCount, `${o.phasesComplete}/${o.phaseCount}`),
      meter(
        'Checkpoints',
        o.checkpointsPassed,
        o.checkpointCount,
        `${o.checkpointsPassed}/${o.checkpointCount}`,
      ),
      meter(
        'Deliverables',
        o.deliverablesDone,
        o.deliverableCount,
        `${o.deliverablesDone}/${o.deliverableCount}`,
      ),
    ),
    h(
      'div',
      { class: 'counters' },
      h(
        'span',
        { class: o.openBlockers > 0 ? 'alert' : '' },
        h('b', {}, o.openBlockers),
        ' open blockers',
      ),
      h('span', {}, h('b', {}, o.issuesFound), ` issues, ${o.issuesResolved} resolved`),
      h('span', {}, h('b', {}, o.activeAgents), ` of ${o.agentCount} agents active`),
      h('span', {}, h('b', {}, o.activeRisks), ` of ${o.riskCount} risks active`),
    ),
  );
}

function agents(dashboard: Dashboard): HTMLElement {
  return section(
    'Agents',
    'agents',
    h(
      'div',
      { class: 'cards' },
      dashboard.agents.map((agent) =>
        h(
          'article',
          { class: 'card', 'data-agent': agent.name },
          h('h3', {}, agent.name, ' ', badge(agent.status)),
          h('p', { class: 'muted' }, agent.role, agent.backup ? `, backup ${agent.backup}` : ''),
          meter(
            'Tasks',
            agent.tasksDone,
            agent.taskCount,
            `${agent.tasksDone}/${agent.taskCount}`,
            `${agent.name} tasks`,
          ),
          h(
            'p',
            {},
            agent.currentTask
              ? ['Working on ', h('b', {}, `${agent.currentTask.id} ${agent.currentTask.title}`)]
              : agent.nextTask
                ? [
                    'Next: ',
                    `${agent.nextTask.id} ${agent.nextTask.title}`,
                    agent.nextTaskWaitingFor.length
                      ? h(
                          'span',
                          { class: 'muted' },
                          ` (waits for ${agent.nextTaskWaitingFor.join(', ')})`,
                        )
                      : '',
                  ]
                : 'No task left',
          ),
        ),
      ),
    ),
  );
}

function phases(dashboard: Dashboard): HTMLElement {
  return section(
    'Phases',
    'phases',
    h(
      'ol',
      { class: 'phases' },
      dashboard.phases.map((phase) => {
        const done = phase.tasks.filter((task) => task.status === 'COMPLETE').length;
        return h(
          'li',
          {
            class: `phase ${phase.status.toLowerCase().replaceAll('_', '-')}`,
            'data-phase': String(phase.number),
          },
          h(
            'div',
            { class: 'phase-head' },
            h('b', {}, `${phase.number}. ${phase.name}`),
            phase.criticalPath ? h('span', { class: 'tag' }, 'critical path') : '',
            phase.riskLevel ? h('span', { class: 'tag' }, `${phase.riskLevel} risk`) : '',
            badge(phase.status),
          ),
          meter(
            `${done}/${phase.tasks.length} tasks`,
            done,
            phase.tasks.length,
            `${hours(phase.actualHours)} of ${phase.estimateHours.min}-${phase.estimateHours.max}h`,
            `phase ${phase.number}`,
          ),
          phase.waitingFor.length ? h('p', { class: 'muted' }, phase.waitingFor.join('; ')) : '',
        );
      }),
    ),
  );
}

function blockers(dashboard: Dashboard): HTMLElement {
  return section(
    'Open blockers',
    'blockers',
    dashboard.openBlockers.length === 0
      ? empty('No open blockers.')
      : table(
          ['ID', 'Severity', 'Agent', 'Task', 'Description', 'Raised'],
          dashboard.openBlockers.map((blocker) => [
            blocker.id,
            badge(blocker.severity),
            blocker.agent,
            blocker.taskId ?? '',
            blocker.description,
            time(blocker.raisedAt),
          ]),
        ),
  );
}

function issues(sprint: Sprint): HTMLElement {
  const open = sprint.issues.nodes.filter((issue) => issue.status !== 'CLOSED');
  return section(
    'Issues',
    'issues',
    open.length === 0
      ? empty('No open issues.')
      : table(
          ['ID', 'Severity', 'Title', 'Phase', 'Assignee', 'Status'],
          open.map((issue) => [
            issue.id,
            badge(issue.severity),
            issue.title,
            issue.phase === null ? '' : String(issue.phase),
            issue.assignee ?? '',
            badge(issue.status),
          ]),
        ),
  );
}

function communications(sprint: Sprint): HTMLElement {
  const latest = [...sprint.communications.nodes].reverse();
  return section(
    'Latest communications',
    'communications',
    latest.length === 0
      ? empty('No communications logged yet.')
      : h(
          'ul',
          { class: 'messages' },
          latest.map((message) =>
            h(
              'li',
              {},
              h('span', { class: 'muted' }, time(message.at)),
              ' ',
              badge(message.type),
              ' ',
              h('b', {}, message.from),
              ` → ${message.to ?? 'everyone'}: ${message.subject}`,
              message.answer
                ? h(
                    'div',
                    { class: 'answer' },
                    h('b', {}, message.answer.by),
                    `: ${message.answer.body}`,
                  )
                : '',
            ),
          ),
        ),
  );
}

function checkpoints(sprint: Sprint): HTMLElement {
  return section(
    'Checkpoints',
    'checkpoints',
    table(
      ['Checkpoint', 'Phase', 'Hour', 'Status', 'Result'],
      sprint.checkpoints.map((checkpoint) => [
        h(
          'span',
          {},
          `${checkpoint.id} ${checkpoint.name}`,
          checkpoint.criteria.length
            ? h(
                'ul',
                { class: 'criteria' },
                checkpoint.criteria.map((item) => h('li', {}, item)),
              )
            : '',
        ),
        String(checkpoint.phase),
        `${checkpoint.hourWindow.from}-${checkpoint.hourWindow.to}`,
        badge(checkpoint.status),
        checkpoint.result ?? '',
      ]),
    ),
  );
}

function deliverables(sprint: Sprint): HTMLElement {
  return section(
    'Deliverables',
    'deliverables',
    h(
      'ul',
      { class: 'deliverables' },
      sprint.deliverables.map((deliverable) =>
        h(
          'li',
          { class: deliverable.done ? 'done' : '' },
          deliverable.done ? '☑ ' : '☐ ',
          deliverable.name,
          deliverable.path ? h('code', {}, ` ${deliverable.path}`) : '',
          h('span', { class: 'muted' }, ` ${deliverable.category.toLowerCase()}`),
        ),
      ),
    ),
  );
}

export function sprintPage(data: SprintPageData, live: HTMLElement): HTMLElement {
  const { dashboard, sprint, metrics } = data;
  if (!dashboard || !sprint)
    return h('main', {}, empty('No such sprint.'), h('a', { href: '/' }, 'All sprints'));
  return h(
    'main',
    { 'data-version': String(dashboard.version) },
    h(
      'header',
      { class: 'top' },
      h('a', { href: '/', class: 'muted' }, '← Sprints'),
      h('h1', { 'data-testid': 'sprint-name' }, dashboard.name),
      h(
        'p',
        {},
        badge(dashboard.status),
        dashboard.branch ? h('code', {}, dashboard.branch) : '',
        h(
          'span',
          { class: 'muted' },
          ` version ${dashboard.version}, target ${dashboard.targetHours.min}-${dashboard.targetHours.max}h`,
          dashboard.targetCompletion ? `, finishing ${time(dashboard.targetCompletion)}` : '',
          dashboard.updatedAt ? `, updated ${time(dashboard.updatedAt)}` : '',
        ),
        live,
      ),
    ),
    overview(dashboard),
    forecast(data.forecast),
    agents(dashboard),
    clocks(sprint),
    phases(dashboard),
    section(
      'Critical path',
      'critical-path',
      dashboard.criticalPath.baselineHours === null
        ? ''
        : h(
            'p',
            { class: 'muted', 'data-testid': 'baseline-path' },
            `${hours(dashboard.criticalPath.totalHours)} now, ${hours(dashboard.criticalPath.baselineHours)} in the baseline.`,
          ),
      ganttChart(dashboard.criticalPath, sprint.tasks),
    ),
    section(
      'Burndown',
      'burndown-panel',
      burndownChart(
        metrics?.burndown ?? [],
        dashboard.targetHours.max,
        dashboard.status === 'ACTIVE',
      ),
      h(
        'p',
        { class: 'legend' },
        h('span', { class: 'key actual' }),
        ' remaining estimate  ',
        h('span', { class: 'key ideal' }),
        ' ideal  ',
        h('span', { class: 'key scope' }),
        ' scope',
      ),
    ),
    h('div', { class: 'columns' }, blockers(dashboard), issues(sprint)),
    h('div', { class: 'columns' }, communications(sprint), checkpoints(sprint)),
    h('div', { class: 'columns' }, scope(dashboard, metrics), risks(sprint)),
    deliverables(sprint),
    h('div', { class: 'columns' }, nextSteps(sprint), contacts(sprint)),
    h('div', { class: 'columns' }, commandReference(sprint), fileLocations(sprint)),
  );
}
