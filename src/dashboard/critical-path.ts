import type { TaskStatus } from '../sprints/sprint.events.js';

export interface PathTask {
  readonly id: string;
  readonly phase: number;
  readonly estimateHours: number;
  readonly actualHours: number;
  readonly status: TaskStatus;
  readonly dependsOn: readonly string[];
}

export interface PathPhase {
  readonly number: number;
  readonly dependsOn: readonly number[];
}

export interface ScheduledTask {
  readonly taskId: string;
  readonly durationHours: number;
  readonly earliestStart: number;
  readonly earliestFinish: number;
  readonly latestStart: number;
  readonly latestFinish: number;
  readonly slack: number;
  readonly critical: boolean;
  /** The predecessor whose finish sets this task's earliest start: why it starts when it does. */
  readonly drivenBy: string | null;
}

export interface CriticalPath {
  readonly tasks: readonly ScheduledTask[];
  /** Chains of critical tasks from a start to an end of the graph, in order (10 at most). */
  readonly chains: readonly (readonly string[])[];
  readonly totalHours: number;
  /** The finish the latest times are measured against: the sprint's target, or the total. */
  readonly targetHours: number;
  readonly hoursDone: number;
  readonly percentDone: number;
}

const epsilon = 1e-9;
const maxChains = 10;
const round = (hours: number) => Math.round(hours * 1000) / 1000;

/** Hours a task takes as far as we know now: what it took, what it took so far plus what is left, or its estimate. */
export function durationOf(task: PathTask): number {
  if (task.status === 'COMPLETE')
    return task.actualHours > 0 ? task.actualHours : task.estimateHours;
  if (task.status === 'NOT_STARTED') return task.estimateHours;
  return task.actualHours + Math.max(task.estimateHours - task.actualHours, 0);
}

function hoursDoneOf(task: PathTask): number {
  if (task.status === 'COMPLETE') return durationOf(task);
  return task.status === 'NOT_STARTED' ? 0 : Math.min(task.actualHours, durationOf(task));
}

/**
 * The critical path method over the task graph: a task follows every task of the phases its phase
 * depends on, and the tasks it depends on itself. A forward pass gives earliest start and finish,
 * a backward pass from the target (the sprint's, when given) the latest ones; slack is their
 * difference, negative when the target cannot be met. Tasks with the least slack are critical.
 */
export function criticalPath(
  tasks: readonly PathTask[],
  phases: readonly PathPhase[],
  target: number | null = null,
): CriticalPath {
  const byPhase = new Map<number, string[]>();
  for (const task of tasks) byPhase.set(task.phase, [...(byPhase.get(task.phase) ?? []), task.id]);
  const phaseDependencies = new Map(phases.map((phase) => [phase.number, phase.dependsOn]));
  const predecessors = new Map<string, string[]>();
  const successors = new Map<string, string[]>(tasks.map((task) => [task.id, []]));
  for (const task of tasks) {
    const before = [
      ...(phaseDependencies.get(task.phase) ?? []).flatMap((number) => byPhase.get(number) ?? []),
      ...task.dependsOn,
    ].filter((id, index, all) => all.indexOf(id) === index && successors.has(id));
    predecessors.set(task.id, before);
    for (const id of before) successors.get(id)?.push(task.id);
  }

  const order = topologicalOrder(tasks, predecessors);
  const duration = new Map(tasks.map((task) => [task.id, durationOf(task)]));
  const earliestFinish = new Map<string, number>();
  const earliestStart = new Map<string, number>();
  const drivenBy = new Map<string, string | null>();
  for (const id of order) {
    let start = 0;
    let driver: string | null = null;
    for (const before of predecessors.get(id) ?? []) {
      const finish = earliestFinish.get(before) ?? 0;
      if (finish > start + epsilon) {
        start = finish;
        driver = before;
      }
    }
    earliestStart.set(id, start);
    earliestFinish.set(id, start + (duration.get(id) ?? 0));
    drivenBy.set(id, driver);
  }
  const totalHours = Math.max(0, ...earliestFinish.values());
  const finishLine = target ?? totalHours;

  const latestStart = new Map<string, number>();
  const latestFinish = new Map<string, number>();
  for (const id of [...order].reverse()) {
    const after = successors.get(id) ?? [];
    const finish = after.length
      ? Math.min(...after.map((next) => latestStart.get(next) ?? finishLine))
      : finishLine;
    latestFinish.set(id, finish);
    latestStart.set(id, finish - (duration.get(id) ?? 0));
  }

  const slack = new Map(
    order.map((id) => [id, (latestStart.get(id) ?? 0) - (earliestStart.get(id) ?? 0)]),
  );
  const leastSlack = Math.min(...slack.values());
  const isCritical = (id: string) => Math.abs((slack.get(id) ?? 0) - leastSlack) < epsilon;

  // Parallel tasks of equal length multiply the chains; a few are enough to show.
  const chains: string[][] = [];
  const extend = (chain: string[]) => {
    if (chains.length >= maxChains) return;
    const last = chain.at(-1) ?? '';
    const next = (successors.get(last) ?? []).filter(
      (id) =>
        isCritical(id) &&
        Math.abs((earliestStart.get(id) ?? 0) - (earliestFinish.get(last) ?? 0)) < epsilon,
    );
    if (next.length === 0) chains.push(chain);
    for (const id of next) extend([...chain, id]);
  };
  for (const id of order) {
    const hasCriticalPredecessor = (predecessors.get(id) ?? []).some(isCritical);
    if (isCritical(id) && !hasCriticalPredecessor) extend([id]);
  }

  const byId = new Map(tasks.map((task) => [task.id, task]));
  const mainChain = chains[0] ?? [];
  const hoursDone = mainChain.reduce((sum, id) => {
    const task = byId.get(id);
    return sum + (task ? hoursDoneOf(task) : 0);
  }, 0);

  return {
    tasks: tasks.map((task) => ({
      taskId: task.id,
      durationHours: round(duration.get(task.id) ?? 0),
      earliestStart: round(earliestStart.get(task.id) ?? 0),
      earliestFinish: round(earliestFinish.get(task.id) ?? 0),
      latestStart: round(latestStart.get(task.id) ?? 0),
      latestFinish: round(latestFinish.get(task.id) ?? 0),
      slack: round(slack.get(task.id) ?? 0),
      critical: isCritical(task.id),
      drivenBy: drivenBy.get(task.id) ?? null,
    })),
    chains,
    totalHours: round(totalHours),
    targetHours: round(finishLine),
    hoursDone: round(hoursDone),
    percentDone: totalHours > 0 ? Math.round((hoursDone / totalHours) * 1000) / 10 : 0,
  };
}

/** Kahn's algorithm, keeping the plan's order among tasks that are free at the same time. */
function topologicalOrder(
  tasks: readonly PathTask[],
  predecessors: Map<string, string[]>,
): string[] {
  const waiting = new Map(tasks.map((task) => [task.id, (predecessors.get(task.id) ?? []).length]));
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tasks.length) {
    const free = tasks.find((task) => !placed.has(task.id) && waiting.get(task.id) === 0);
    if (!free) throw new Error('the task graph has a cycle');
    order.push(free.id);
    placed.add(free.id);
    for (const task of tasks) {
      if ((predecessors.get(task.id) ?? []).includes(free.id)) {
        waiting.set(task.id, (waiting.get(task.id) ?? 0) - 1);
      }
    }
  }
  return order;
}
