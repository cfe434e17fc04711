import { h, hours, svg } from './dom.js';
import type { ScheduledTask, SprintPageData, Task } from './queries.js';

type CriticalPath = NonNullable<SprintPageData['dashboard']>['criticalPath'];

const byStart = (a: ScheduledTask, b: ScheduledTask) =>
  a.earliestStart - b.earliestStart ||
  a.taskId.localeCompare(b.taskId, undefined, { numeric: true });

function place(element: HTMLElement, from: number, to: number, span: number): HTMLElement {
  element.style.left = `${(from / span) * 100}%`;
  element.style.width = `${(Math.max(0, to - from) / span) * 100}%`;
  return element;
}

/**
 * The schedule as a Gantt chart: each task from its earliest start to its earliest finish, its
 * slack hatched after it, critical tasks marked, and the target as a line across.
 */
export function ganttChart(criticalPath: CriticalPath, tasks: readonly Task[]): HTMLElement {
  const taskOf = new Map(tasks.map((task) => [task.id, task]));
  const scheduled = [...criticalPath.tasks].sort(byStart);
  const span = Math.max(
    1,
    criticalPath.targetHours,
    criticalPath.totalHours,
    ...scheduled.map((task) => task.latestFinish),
  );
  const step = span <= 12 ? 1 : span <= 30 ? 2 : 5;
  const ticks = h('span', { class: 'gantt-track gantt-axis' });
  for (let hour = 0; hour <= span; hour += step) {
    const tick = h('span', { class: 'gantt-tick' }, `${hour}h`);
    tick.style.left = `${(hour / span) * 100}%`;
    ticks.append(tick);
  }
  const rows = scheduled.map((entry) => {
    const task = taskOf.get(entry.taskId);
    const status = (task?.status ?? 'NOT_STARTED').toLowerCase().replaceAll('_', '-');
    const label = `${entry.taskId} ${task?.title ?? ''}`.trim();
    const bar = h('span', {
      class: `gantt-bar ${status}${entry.critical ? ' critical' : ''}`,
      title: `${label}: ${hours(entry.earliestStart)} to ${hours(entry.earliestFinish)}, slack ${hours(entry.slack)}`,
    });
    const slack = h('span', { class: 'gantt-slack', title: `slack ${hours(entry.slack)}` });
    const target = h('span', { class: 'gantt-target' });
    return h(
      'div',
      { class: 'gantt-row', 'data-task': entry.taskId },
      h('span', { class: 'gantt-label', title: label }, entry.critical ? '◆ ' : '', label),
      h(
        'span',
        { class: 'gantt-track' },
        place(target, criticalPath.targetHours, criticalPath.targetHours, span),
        place(bar, entry.earliestStart, entry.earliestFinish, span),
        entry.slack > 0 && place(slack, entry.earliestFinish, entry.latestFinish, span),
      ),
    );
  });
  return h(
    'div',
    { class: 'gantt', 'data-testid': 'gantt' },
    rows,
    h('div', { class: 'gantt-row' }, h('span', { class: 'gantt-label' }), ticks),
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'key critical' }),
      ' critical  ',
      h('span', { class: 'key slack' }),
      ' slack  ',
      h('span', { class: 'key target' }),
      ` target ${hours(criticalPath.targetHours)}; critical path ${hours(criticalPath.totalHours)}, ${hours(criticalPath.hoursDone)} done`,
    ),
  );
}

const width = 640;
const height = 240;
const margin = { top: 12, right: 16, bottom: 28, left: 44 };

/**
 * Remaining estimated hours over the hours since the sprint started, against the ideal line
 * from everything at the start to nothing at the target, and the scope line: all estimated
 * hours, which moves where the plan changed.
 */
export function burndownChart(
  burndown: readonly { at: string; remainingHours: number; scopeHours: number }[],
  targetHours: number,
  active: boolean,
): Element {
  const first = burndown[0];
  const start = first ? new Date(first.at).getTime() : Date.now();
  const hoursSince = (iso: string) => (new Date(iso).getTime() - start) / 3_600_000;
  const points = burndown.map((point) => ({ x: hoursSince(point.at), y: point.remainingHours }));
  const last = points.at(-1);
  if (active && last)
    points.push({ x: Math.max(last.x, (Date.now() - start) / 3_600_000), y: last.y });
  const scope = burndown.map((point) => ({ x: hoursSince(point.at), y: point.scopeHours }));
  const lastScope = scope.at(-1);
  if (active && lastScope && last) scope.push({ x: points.at(-1)?.x ?? last.x, y: lastScope.y });
  const total = Math.max(1, first?.remainingHours ?? 0, ...points.map((point) => point.y));
  // The axis reaches the scope at its largest, the ideal line starts from the hours at the start.
  const top = Math.max(total, ...scope.map((point) => point.y));
  const span = Math.max(1, targetHours, ...points.map((point) => point.x));
  const x = (value: number) => margin.left + (value / span) * (width - margin.left - margin.right);
  const y = (value: number) =>
    margin.top + (1 - value / top) * (height - margin.top - margin.bottom);
  const line = (list: readonly { x: number; y: number }[]) =>
    list.map((point) => `${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`).join(' ');
  return svg(
    'svg',
    {
      class: 'burndown',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Burndown: ${last?.y ?? total} of ${total} estimated hours remain`,
      'data-testid': 'burndown',
    },
    svg('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(span), y2: y(0) }),
    svg('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(0), y2: y(top) }),
    svg('text', { x: margin.left - 6, y: y(top) + 4, 'text-anchor': 'end' }, hours(top)),
    svg('text', { x: margin.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0h'),
    svg('text', { x: x(0), y: height - 8 }, 'start'),
    svg('text', { x: x(span), y: height - 8, 'text-anchor': 'end' }, `+${hours(span)}`),
    svg('polyline', {
      class: 'ideal',
      points: line([
        { x: 0, y: total },
        { x: targetHours, y: 0 },
      ]),
    }),
    svg('polyline', { class: 'scope', points: line(scope) }),
    svg('polyline', { class: 'actual', points: line(points) }),
    points.map((point) => svg('circle', { class: 'actual', cx: x(point.x), cy: y(point.y), r: 3 })),
  );
}
