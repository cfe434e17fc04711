import { type TaskStatus } from './vocabulary.js';

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
 * The task graph with one zero-length gate per phase that another phase waits for: a gate
 * follows every task of its phase, and every task of a waiting phase follows the gate. Without
 * gates, 20 phases of 500 tasks in a row make 5,000,000 edges; with them, 20,000.
 */
interface Graph {
  /** Tasks first, in plan order, then the gates: indexes into `ids`. */
  readonly ids: readonly string[];
  readonly taskCount: number;
  readonly predecessors: readonly (readonly number[])[];
  readonly successors: readonly number[][];
  readonly duration: Float64Array;
}

function graphOf(tasks: readonly PathTask[], phases: readonly PathPhase[]): Graph {
  const index = new Map(tasks.map((task, at) => [task.id, at]));
  const ids = tasks.map((task) => task.id);
  const gateOf = new Map<number, number>();
  const gate = (phase: number) => {
    let at = gateOf.get(phase);
    if (at === undefined) {
      at = ids.length;
      ids.push(`phase:${phase}`);
      gateOf.set(phase, at);
    }
    return at;
  };
  const phaseDependencies = new Map(phases.map((phase) => [phase.number, phase.dependsOn]));
  const predecessors: number[][] = tasks.map((task) => {
    const before = new Set<number>();
    for (const phase of phaseDependencies.get(task.phase) ?? []) before.add(gate(phase));
    for (const id of task.dependsOn) {
      const at = index.get(id);
      if (at !== undefined && at !== index.get(task.id)) before.add(at);
    }
    return [...before];
  });
  for (let at = predecessors.length; at < ids.length; at += 1) predecessors.push([]);
  tasks.forEach((task, at) => {
    const waitedFor = gateOf.get(task.phase);
    if (waitedFor !== undefined) predecessors[waitedFor]?.push(at);
  });
  const successors: number[][] = ids.map(() => []);
  predecessors.forEach((before, at) => {
    for (const from of before) successors[from]?.push(at);
  });
  const duration = new Float64Array(ids.length);
  tasks.forEach((task, at) => (duration[at] = durationOf(task)));
  return { ids, taskCount: tasks.length, predecessors, successors, duration };
}

/**
 * The critical path method over the task graph: a task follows every task of the phases its phase
 * depends on, and the tasks it depends on itself. A forward pass gives earliest start and finish,
 * a backward pass from the target (the sprint's, when given) the latest ones; slack is their
 * difference, negative when the target cannot be met. Tasks with the least slack are critical.
 * Every pass is linear in tasks and dependencies (phase dependencies through gates).
 */
export function criticalPath(
  tasks: readonly PathTask[],
  phases: readonly PathPhase[],
  target: number | null = null,
): CriticalPath {
  const graph = graphOf(tasks, phases);
  const { predecessors, successors, duration, taskCount } = graph;
  const nodes = graph.ids.length;
  const order = topologicalOrder(graph);
  const earliestStart = new Float64Array(nodes);
  const earliestFinish = new Float64Array(nodes);
  /** The task whose finish sets a node's earliest start, through gates. */
  const driver = new Int32Array(nodes).fill(-1);
  for (const at of order) {
    let start = 0;
    let by = -1;
    for (const before of predecessors[at] ?? []) {
      const finish = earliestFinish[before] ?? 0;
      if (finish > start + epsilon) {
        start = finish;
        by = before >= taskCount ? (driver[before] ?? -1) : before;
      }
    }
    earliestStart[at] = start;
    earliestFinish[at] = start + (duration[at] ?? 0);
    // A gate passes on the task that finishes its phase last, so `drivenBy` names a task.
    driver[at] = by;
  }
  let totalHours = 0;
  for (let at = 0; at < taskCount; at += 1)
    totalHours = Math.max(totalHours, earliestFinish[at] ?? 0);
  const finishLine = target ?? totalHours;

  const latestStart = new Float64Array(nodes);
  const latestFinish = new Float64Array(nodes);
  for (let step = order.length - 1; step >= 0; step -= 1) {
    const at = order[step] ?? 0;
    const after = successors[at] ?? [];
    let finish = after.length ? Number.POSITIVE_INFINITY : finishLine;
    for (const next of after) finish = Math.min(finish, latestStart[next] ?? finishLine);
    latestFinish[at] = finish;
    latestStart[at] = finish - (duration[at] ?? 0);
  }

  const slack = new Float64Array(nodes);
  let leastSlack = Number.POSITIVE_INFINITY;
  for (let at = 0; at < nodes; at += 1) {
    slack[at] = (latestStart[at] ?? 0) - (earliestStart[at] ?? 0);
    if (at < taskCount) leastSlack = Math.min(leastSlack, slack[at] ?? 0);
  }
  const isCritical = (at: number) => Math.abs((slack[at] ?? 0) - leastSlack) < epsilon;
  const chains = criticalChains(graph, order, { earliestStart, earliestFinish, isCritical });

  const mainChain = chains[0] ?? [];
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const hoursDone = mainChain.reduce((sum, id) => {
    const task = byId.get(id);
    return sum + (task ? hoursDoneOf(task) : 0);
  }, 0);

  return {
    tasks: tasks.map((task, at) => ({
      taskId: task.id,
      durationHours: round(duration[at] ?? 0),
      earliestStart: round(earliestStart[at] ?? 0),
      earliestFinish: round(earliestFinish[at] ?? 0),
      latestStart: round(latestStart[at] ?? 0),
      latestFinish: round(latestFinish[at] ?? 0),
      slack: round(slack[at] ?? 0),
      critical: isCritical(at),
      drivenBy: (driver[at] ?? -1) >= 0 ? (graph.ids[driver[at] ?? 0] ?? null) : null,
    })),
    chains,
    totalHours: round(totalHours),
    targetHours: round(finishLine),
    hoursDone: round(hoursDone),
    percentDone: totalHours > 0 ? Math.round((hoursDone / totalHours) * 1000) / 10 : 0,
  };
}

/**
 * Chains of critical tasks, each from a critical task with no critical predecessor, step by step
 * to a successor that starts as the last one finishes (gates are passed through, not shown).
 * Parallel tasks of equal length multiply the chains; a few are enough to show.
 */
function criticalChains(
  graph: Graph,
  order: readonly number[],
  schedule: {
    earliestStart: Float64Array;
    earliestFinish: Float64Array;
    isCritical: (at: number) => boolean;
  },
): string[][] {
  const { taskCount, successors, predecessors, ids } = graph;
  const { earliestStart, earliestFinish, isCritical } = schedule;
  /** The tasks that follow a task, gates opened up, in plan order. */
  const nextTasks = (at: number): number[] => {
    const found = new Set<number>();
    for (const next of successors[at] ?? []) {
      if (next < taskCount) found.add(next);
      else for (const beyond of successors[next] ?? []) found.add(beyond);
    }
    return [...found].sort((a, b) => a - b);
  };
  const gateHasCritical = new Map<number, boolean>();
  const criticalBefore = (at: number): boolean =>
    (predecessors[at] ?? []).some((before) => {
      if (before < taskCount) return isCritical(before);
      let known = gateHasCritical.get(before);
      if (known === undefined) {
        known = (predecessors[before] ?? []).some(isCritical);
        gateHasCritical.set(before, known);
      }
      return known;
    });
  const chains: string[][] = [];
  const extend = (chain: number[]) => {
    if (chains.length >= maxChains) return;
    const last = chain.at(-1) ?? 0;
    const next = nextTasks(last).filter(
      (at) =>
        isCritical(at) &&
        Math.abs((earliestStart[at] ?? 0) - (earliestFinish[last] ?? 0)) < epsilon,
    );
    if (next.length === 0) chains.push(chain.map((at) => ids[at] ?? ''));
    for (const at of next) extend([...chain, at]);
  };
  for (const at of order) {
    if (chains.length >= maxChains) break;
    if (at < taskCount && isCritical(at) && !criticalBefore(at)) extend([at]);
  }
  return chains;
}

/**
 * Kahn's algorithm, keeping the plan's order among tasks that are free at the same time: a heap
 * of free tasks by plan position, and gates placed as soon as they are free.
 */
function topologicalOrder(graph: Graph): number[] {
  const { predecessors, successors, taskCount } = graph;
  const waiting = predecessors.map((before) => before.length);
  const free = new MinHeap();
  const freeGates: number[] = [];
  const release = (at: number) => {
    if (at < taskCount) free.push(at);
    else freeGates.push(at);
  };
  waiting.forEach((count, at) => {
    if (count === 0) release(at);
  });
  const order: number[] = [];
  for (;;) {
    const at = freeGates.pop() ?? free.pop();
    if (at === undefined) break;
    order.push(at);
    for (const next of successors[at] ?? []) {
      const left = (waiting[next] ?? 0) - 1;
      waiting[next] = left;
      if (left === 0) release(next);
    }
  }
  if (order.length < waiting.length) throw new Error('the task graph has a cycle');
  return order;
}

/** A binary heap of numbers, smallest first. */
class MinHeap {
  private readonly items: number[] = [];

  push(item: number): void {
    const items = this.items;
    items.push(item);
    for (let at = items.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      if ((items[parent] ?? 0) <= item) break;
      items[at] = items[parent] ?? 0;
      items[parent] = item;
      at = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    for (let at = 0; ;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let smallest = at;
      if ((items[left] ?? Infinity) < (items[smallest] ?? Infinity)) smallest = left;
      if ((items[right] ?? Infinity) < (items[smallest] ?? Infinity)) smallest = right;
      if (smallest === at) break;
      const swap = items[at] ?? 0;
      items[at] = items[smallest] ?? 0;
      items[smallest] = swap;
      at = smallest;
    }
    return top;
  }
}
