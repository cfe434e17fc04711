import type { Remember, SprintRows } from '../read-models/sprint-rows.js';
import { criticalPath, type PathTask } from '../sprints/model/critical-path.js';
import type { TaskState } from '../sprints/model/state.js';

/**
 * When the sprint will finish, from its actuals, not its hopes: the critical path of the work
 * left, each task's estimate scaled by how its agent's finished tasks compared with theirs
 * (actual / estimated). Sampling those observed ratios gives a spread: P50 and P90. An agent
 * with no finished task yet takes everyone's ratios; a sprint with none takes its estimates.
 */
export interface SprintForecast {
  readonly remainingHoursP50: number;
  readonly remainingHoursP90: number;
  /** Now plus the remaining hours, once the sprint runs. */
  readonly finishP50: string | null;
  readonly finishP90: string | null;
  /** The finished tasks whose actual/estimated ratio the forecast rests on. */
  readonly observedTasks: number;
  /** Their median ratio: above 1, the work takes longer than estimated. */
  readonly medianRatio: number;
  readonly samples: number;
  /** The unfinished tasks on the P50 critical path, in order: what drives the finish. */
  readonly drivers: readonly string[];
}

type Rows = Pick<SprintRows, 'tasks' | 'phases' | 'overview'>;

const round = (hours: number) => Math.round(hours * 100) / 100;

/** mulberry32: a small seeded generator, so one version of a sprint always forecasts the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const agentOf = (task: TaskState) => task.activeAgent ?? task.assignees[0] ?? '';

function observedRatios(tasks: readonly TaskState[]): Map<string, number[]> {
  const ratios = new Map<string, number[]>([['', []]]);
  for (const task of tasks) {
    if (task.status !== 'COMPLETE' || task.actualHours <= 0 || task.estimateHours <= 0) continue;
    const ratio = task.actualHours / task.estimateHours;
    ratios.set(agentOf(task), [...(ratios.get(agentOf(task)) ?? []), ratio]);
    ratios.get('')?.push(ratio);
  }
  return ratios;
}

/** The hours of the work left on the critical path, each task at `ratio` times its estimate. */
function remainingPath(rows: Rows, ratioOf: (task: TaskState) => number) {
  const tasks: PathTask[] = rows.tasks
    .filter((task) => task.status !== 'CANCELLED')
    .map((task) => ({
      id: task.id,
      phase: task.phase,
      dependsOn: task.dependsOn,
      status: task.status === 'COMPLETE' ? 'COMPLETE' : 'NOT_STARTED',
      actualHours: 0,
      estimateHours:
        task.status === 'COMPLETE'
          ? 0
          : Math.max(task.estimateHours * ratioOf(task) - task.actualHours, 0),
    }));
  return criticalPath(tasks, rows.phases);
}

/** The hours left, P50 and P90, for one version of the sprint; the clock is applied after. */
function forecastHours(rows: Rows) {
  const ratios = observedRatios(rows.tasks);
  const all = ratios.get('') ?? [];
  const pool = (task: TaskState) => {
    const own = ratios.get(agentOf(task)) ?? [];
    return own.length > 0 ? own : all.length > 0 ? all : [1];
  };
  const median = (values: readonly number[]) =>
    quantile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  // Enough samples for a stable P90, fewer for a big plan: each is one pass over the graph.
  const samples = Math.max(20, Math.min(200, Math.floor(200_000 / Math.max(rows.tasks.length, 1))));
  const next = random(rows.overview.version);
  const totals = Array.from({ length: samples }, () => {
    const path = remainingPath(rows, (task) => {
      const choices = pool(task);
      return choices[Math.floor(next() * choices.length)] ?? 1;
    });
    return path.totalHours;
  }).sort((a, b) => a - b);
  const typical = remainingPath(rows, (task) => median(pool(task)));
  const unfinished = new Set(
    rows.tasks.filter((task) => task.status !== 'COMPLETE').map((task) => task.id),
  );
  return {
    remainingHoursP50: round(quantile(totals, 0.5)),
    remainingHoursP90: round(quantile(totals, 0.9)),
    observedTasks: all.length,
    medianRatio: round(all.length > 0 ? median(all) : 1),
    samples,
    drivers: (typical.chains[0] ?? []).filter((id) => unfinished.has(id)),
  };
}

export function forecastOf(rows: Rows, now: string, remember: Remember): SprintForecast {
  const hours = remember('forecast', () => forecastHours(rows));
  const finish = (remaining: number) =>
    rows.overview.startedAt === null
      ? null
      : new Date(Date.parse(now) + remaining * 3_600_000).toISOString();
  return {
    ...hours,
    finishP50: finish(hours.remainingHoursP50),
    finishP90: finish(hours.remainingHoursP90),
  };
}
