import type { ProgressEvent, ScopeLogEntry, SprintRows } from '../read-models/sprint-rows.js';

/** The plan as it stood at the start against the plan now. */
export interface ScopeMetrics {
  /** Estimated hours when the sprint started; null before it has. */
  readonly baselineHours: number | null;
  readonly currentHours: number;
  /** Hours that came in after the start: tasks added, estimates raised. */
  readonly addedHours: number;
  /** Hours that went out after the start: tasks cancelled, estimates lowered. */
  readonly removedHours: number;
  /** Scope changes recorded after the start. */
  readonly changes: number;
}

/** The burndown and the burnup at one moment: remaining, done and the whole scope. */
export interface BurndownPoint {
  readonly at: string;
  readonly remainingHours: number;
  readonly completedHours: number;
  /** The estimated hours of everything in the plan then: the burnup's scope line. */
  readonly scopeHours: number;
}

/** One entry of the scope log, as the dashboard shows it. */
export interface ScopeChange {
  readonly at: string;
  readonly by: string | null;
  readonly event: string;
  readonly subject: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** What it added to (or took from) the estimated hours. */
  readonly hoursDelta: number;
}

const round = (value: number) => Math.round(value * 100) / 100;
const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/**
 * The estimates of the tasks the plan held when the sprint started: today's estimates with the
 * scope changes since then undone, newest first.
 */
function estimatesAtStart(rows: SprintRows, after: readonly ProgressEvent[]) {
  const estimates = new Map(rows.tasks.map((task) => [task.id, task.estimateHours]));
  for (const event of [...after].reverse()) {
    if (event.taskId === null) continue;
    if (event.type === 'TaskReestimated') estimates.set(event.taskId, Number(event.from));
    if (event.type === 'TaskAdded') estimates.delete(event.taskId);
    if (event.type === 'TaskCancelled') estimates.set(event.taskId, event.hours ?? 0);
  }
  return estimates;
}

interface Walk {
  remaining: number;
  completed: number;
  scope: number;
  added: number;
  removed: number;
}

/** One event's effect on the running figures; completions move work, the rest move scope. */
function step(walk: Walk, event: ProgressEvent, estimates: Map<string, number>, done: Set<string>) {
  const id = event.taskId ?? '';
  const estimate = estimates.get(id) ?? 0;
  const move = (hours: number) => {
    if (done.has(id)) walk.completed += hours;
    else walk.remaining += hours;
    walk.scope += hours;
    if (hours > 0) walk.added += hours;
    else walk.removed -= hours;
  };
  switch (event.type) {
    case 'TaskAdded':
      estimates.set(id, event.hours ?? 0);
      move(event.hours ?? 0);
      break;
    case 'TaskReestimated':
      estimates.set(id, Number(event.to));
      move(Number(event.to) - Number(event.from));
      break;
    case 'TaskCancelled':
      move(-estimate);
      estimates.delete(id);
      done.delete(id);
      break;
    case 'TaskCompleted':
      done.add(id);
      walk.remaining -= estimate;
      walk.completed += estimate;
      break;
    case 'TaskReopened':
      done.delete(id);
      walk.remaining += estimate;
      walk.completed -= estimate;
      break;
    case 'SprintStarted':
      break;
  }
}

/**
 * The burndown (with its burnup and scope line) from the sprint's start, and the baseline
 * against the plan now. Scope changes move the scope where they happened; nothing before the
 * start counts as a change, since the plan then is the baseline.
 */
export function scopeOf(rows: SprintRows): { metrics: ScopeMetrics; burndown: BurndownPoint[] } {
  const events = rows.progressEvents;
  const start = events.findIndex((event) => event.type === 'SprintStarted');
  const currentHours = round(sum(rows.tasks.map((task) => task.estimateHours)));
  const startVersion = events[start]?.version;
  const changes = rows.scopeLog.filter(
    (entry) => startVersion !== undefined && entry.version > startVersion,
  ).length;
  if (start < 0) {
    const metrics = { baselineHours: null, currentHours, addedHours: 0, removedHours: 0, changes };
    const at = rows.overview.startedAt ?? rows.overview.plannedAt;
    const point = { at, remainingHours: currentHours, completedHours: 0, scopeHours: currentHours };
    return { metrics, burndown: [point] };
  }
  const after = events.slice(start + 1);
  const estimates = estimatesAtStart(rows, after);
  const baseline = round(sum(estimates.values()));
  const walk: Walk = { remaining: baseline, completed: 0, scope: baseline, added: 0, removed: 0 };
  const point = (at: string): BurndownPoint => ({
    at,
    remainingHours: round(walk.remaining),
    completedHours: round(walk.completed),
    scopeHours: round(walk.scope),
  });
  const burndown = [point(events[start]?.at ?? rows.overview.plannedAt)];
  const done = new Set<string>();
  for (const event of after) {
    step(walk, event, estimates, done);
    burndown.push(point(event.at));
  }
  return {
    metrics: {
      baselineHours: baseline,
      currentHours,
      addedHours: round(walk.added),
      removedHours: round(walk.removed),
      changes,
    },
    burndown,
  };
}

/** What a scope log entry added to the estimated hours. */
function hoursDelta(entry: ScopeLogEntry): number {
  if (entry.type === 'TaskAdded') return entry.hours ?? 0;
  if (entry.type === 'TaskCancelled') return -(entry.hours ?? 0);
  if (entry.type === 'TaskReestimated') return round(Number(entry.to) - Number(entry.from));
  return 0;
}

/** The scope log, newest first: when, who, what, and the hours it moved. */
export function scopeChangesOf(rows: SprintRows): ScopeChange[] {
  return rows.scopeLog
    .map((entry) => ({
      at: entry.at,
      by: entry.actor,
      event: entry.type,
      subject: entry.subject,
      from: entry.from,
      to: entry.to,
      hoursDelta: hoursDelta(entry),
    }))
    .reverse();
}

/**
 * When a running sprint should finish: its start plus its critical path (done tasks at their
 * actual hours, the rest at their estimates). Null before it starts.
 */
export function targetCompletionOf(
  startedAt: string | null,
  criticalPathHours: number,
): string | null {
  if (startedAt === null) return null;
  return new Date(Date.parse(startedAt) + criticalPathHours * 3_600_000).toISOString();
}
