import { AppError } from '../../common/errors.js';
import { requirePhase, requireTask, requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup, type SprintState, type TaskState } from '../model/state.js';
import type { Estimate } from '../model/vocabulary.js';
import type { SprintPlan } from '../plan/plan-document.js';
import type { TaskEvent } from '../tasks/task.events.js';
import type { ScopeEvent } from './scope.events.js';
import { planChanges, type ScopeDraft } from './plan-changes.js';
import { editPlan, under } from './plan-edit.js';

/** A task as a coordinator adds it: what a plan file says of a task. */
export interface NewTask {
  readonly id: string;
  readonly title: string;
  readonly estimateHours: number;
  /** The lower bound, when the estimate is a range up to `estimateHours`. */
  readonly estimateMinHours?: number | null;
  readonly assignees: readonly string[];
  readonly dependsOn?: readonly string[] | null;
}

/** An estimate as a plan writes it: hours, or a range when a lower bound is given. */
const estimate = (hours: number, min: number | null | undefined): Estimate =>
  min == null ? hours : { min, max: hours };

export type ScopeCommand =
  | {
      readonly kind: 'ApplyPlanChanges';
      readonly plan: SprintPlan;
      readonly reason?: string | null;
    }
  | { readonly kind: 'AddTask'; readonly phase: number; readonly task: NewTask }
  | {
      readonly kind: 'ChangeTask';
      readonly taskId: string;
      readonly title?: string | null;
      readonly estimateHours?: number | null;
      readonly estimateMinHours?: number | null;
      readonly phase?: number | null;
      readonly assignees?: readonly string[] | null;
      readonly dependsOn?: readonly string[] | null;
    }
  | { readonly kind: 'CancelTask'; readonly taskId: string; readonly reason: string }
  | { readonly kind: 'CancelSprint'; readonly reason: string };

type Emitted = ScopeEvent | Extract<TaskEvent, { type: 'TaskReassigned' }>;
type Plan = SprintPlan;
type PlanTask = Plan['phases'][number]['tasks'][number];

/** `editPlan` for an edit of one task: refusals about it under the mutation's field names. */
function editTask(
  state: SprintState,
  edit: (plan: Plan) => Plan,
  taskId: string,
  prefix: string,
  reason: string,
  otherwise: (found: string) => string = (found) => (found === 'plan.phases' ? 'dependsOn' : found),
): ScopeDraft[] {
  return editPlan(state, edit, reason, (found, next) =>
    under(taskPath(next, taskId), prefix, 'taskId', otherwise)(found),
  );
}

/** The plan with one task put at the end of a phase, or put in its place if already there. */
function placingTask(plan: Plan, phase: number, task: PlanTask): Plan {
  const inPlace = plan.phases.some(
    (each) => each.number === phase && each.tasks.some((item) => item.id === task.id),
  );
  return {
    ...plan,
    phases: plan.phases.map((each) => {
      if (inPlace) {
        return { ...each, tasks: each.tasks.map((item) => (item.id === task.id ? task : item)) };
      }
      const rest = each.tasks.filter((item) => item.id !== task.id);
      return { ...each, tasks: each.number === phase ? [...rest, task] : rest };
    }),
  };
}

/** The plan without a task, and without it in the dependencies of the tasks that named it. */
function withoutTask(plan: Plan, taskId: string): Plan {
  return {
    ...plan,
    phases: plan.phases.map((phase) => ({
      ...phase,
      tasks: phase.tasks.flatMap((task) =>
        task.id === taskId
          ? []
          : [{ ...task, dependsOn: task.dependsOn.filter((id) => id !== taskId) }],
      ),
    })),
  };
}

/** The path of a task in a plan document, for mapping refusals back to a mutation's fields. */
function taskPath(plan: Plan, taskId: string): string | null {
  for (const [p, phase] of plan.phases.entries()) {
    const t = phase.tasks.findIndex((task) => task.id === taskId);
    if (t >= 0) return `plan.phases[${p}].tasks[${t}]`;
  }
  return null;
}

function requireLiveTask(state: SprintState, taskId: string) {
  const task = requireTask(state, taskId);
  if (task.status === 'CANCELLED') {
    throw new AppError('INVALID_TRANSITION', `task ${task.id} is cancelled`, 'taskId', {
      from: task.status,
      allowed: [],
    });
  }
  return task;
}

/** A phase keeps at least one task: its last one leaves only with the phase (a plan change). */
function requireNotLastOfPhase(state: SprintState, task: TaskState, field: string): void {
  const phase = lookup(state.phases, String(task.phase));
  const others = (phase?.taskIds ?? []).filter(
    (id) => id !== task.id && lookup(state.tasks, id)?.status !== 'CANCELLED',
  );
  if (others.length === 0) {
    throw new AppError(
      'INVALID_TRANSITION',
      `task ${task.id} is the last task of phase ${task.phase}: change the plan to drop the phase instead`,
      field,
    );
  }
}

export const scopeDeciders: Deciders<ScopeCommand, Emitted> = {
  ApplyPlanChanges(command, state) {
    return planChanges(state, command.plan, command.reason?.trim() || 'the plan file changed');
  },
  AddTask(command, state) {
    requirePhase(state, command.phase, 'phase');
    if (lookup(state.tasks, command.task.id)) {
      throw new AppError(
        'ALREADY_EXISTS',
        `sprint ${state.id} has a task ${command.task.id}`,
        'task.id',
      );
    }
    const { id, title, estimateHours, estimateMinHours, assignees, dependsOn } = command.task;
    const task = {
      id,
      title,
      estimateHours: estimate(estimateHours, estimateMinHours),
      assignees,
      dependsOn: dependsOn ?? [],
    };
    const edit = (plan: Plan) => placingTask(plan, command.phase, task);
    return editTask(state, edit, task.id, 'task', 'added');
  },
  ChangeTask(command, state) {
    const task = requireLiveTask(state, command.taskId);
    if (command.phase != null) requirePhase(state, command.phase, 'phase');
    if (command.phase != null && command.phase !== task.phase) {
      requireNotLastOfPhase(state, task, 'phase');
    }
    const changed: PlanTask = {
      id: task.id,
      title: command.title ?? task.title,
      estimateHours:
        command.estimateHours == null && command.estimateMinHours == null
          ? (task.estimateRange ?? task.estimateHours)
          : estimate(command.estimateHours ?? task.estimateHours, command.estimateMinHours),
      assignees: command.assignees ?? task.assignees,
      dependsOn: command.dependsOn ?? task.dependsOn,
    };
    const edit = (plan: Plan) => placingTask(plan, command.phase ?? task.phase, changed);
    const drafts = editTask(state, edit, task.id, '', 'changed');
    if (drafts.length === 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `the change leaves task ${task.id} as it is`,
        'taskId',
      );
    }
    return drafts;
  },
  CancelTask(command, state) {
    const task = requireLiveTask(state, command.taskId);
    requireText(command.reason, 'reason');
    requireNotLastOfPhase(state, task, 'taskId');
    const edit = (plan: Plan) => withoutTask(plan, task.id);
    return editTask(state, edit, task.id, '', command.reason, () => 'taskId');
  },
  CancelSprint(command, state) {
    requireText(command.reason, 'reason');
    if (state.status !== 'PLANNED' && state.status !== 'ACTIVE') {
      throw new AppError(
        'INVALID_TRANSITION',
        `sprint ${state.id} is ${state.status}`,
        'sprintId',
        {
          from: state.status,
          allowed: [],
        },
      );
    }
    return [
      { type: 'SprintCancelled', from: state.status, to: 'CANCELLED', reason: command.reason },
    ];
  },
};
