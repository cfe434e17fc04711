import { AppError } from '../../common/errors.js';
import { requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup, type SprintState } from '../model/state.js';
import type {
  DeliverableCategory,
  HourWindow,
  RiskLevel,
  RiskStatus,
} from '../model/vocabulary.js';
import type { SprintPlan } from '../plan/plan-document.js';
import { editPlan, under } from './plan-edit.js';
import type { TaskEvent } from '../tasks/task.events.js';
import type { ScopeEvent } from './scope.events.js';

type Plan = SprintPlan;
type Emitted = ScopeEvent | Extract<TaskEvent, { type: 'TaskReassigned' }>;
type Lists = Pick<Plan, 'deliverables' | 'checkpoints' | 'risks' | 'qualityTargets'>;
type ListKey = keyof Lists;

/** One deliverable, checkpoint, risk or quality target at a time. */
export type RegisterCommand =
  | {
      readonly kind: 'AddDeliverable';
      readonly deliverable: {
        readonly id: string;
        readonly category: DeliverableCategory;
        readonly name: string;
        readonly phase?: number | null;
        readonly path?: string | null;
      };
    }
  | {
      readonly kind: 'ChangeDeliverable';
      readonly deliverableId: string;
      readonly category?: DeliverableCategory | null;
      readonly name?: string | null;
      readonly phase?: number | null;
      readonly path?: string | null;
    }
  | { readonly kind: 'CancelDeliverable'; readonly deliverableId: string; readonly reason: string }
  | {
      readonly kind: 'AddCheckpoint';
      readonly checkpoint: {
        readonly id: string;
        readonly name: string;
        readonly phase: number;
        readonly hourWindow: HourWindow;
        readonly criteria?: readonly string[] | null;
      };
    }
  | {
      readonly kind: 'ChangeCheckpoint';
      readonly checkpointId: string;
      readonly name?: string | null;
      readonly phase?: number | null;
      readonly hourWindow?: HourWindow | null;
      readonly criteria?: readonly string[] | null;
    }
  | { readonly kind: 'CancelCheckpoint'; readonly checkpointId: string; readonly reason: string }
  | {
      readonly kind: 'AddRisk';
      readonly risk: {
        readonly id: string;
        readonly category: string;
        readonly severity: RiskLevel;
        readonly status?: RiskStatus | null;
        readonly mitigation: string;
      };
    }
  | {
      readonly kind: 'ChangeRisk';
      readonly riskId: string;
      readonly category?: string | null;
      readonly severity?: RiskLevel | null;
      readonly mitigation?: string | null;
    }
  | { readonly kind: 'SetQualityTarget'; readonly metric: string; readonly target: string }
  | { readonly kind: 'RemoveQualityTarget'; readonly metric: string; readonly reason: string };

const keyOf = (item: { readonly id: string } | { readonly metric: string }) =>
  'id' in item ? item.id : item.metric;

/** The plan with one item of a list replaced (by its id), appended, or taken out (`null`). */
function withItem<Key extends ListKey>(
  plan: Plan,
  list: Key,
  id: string,
  item: Lists[Key][number] | null,
): Plan {
  const items: readonly Lists[Key][number][] = plan[list];
  const known = items.some((each) => keyOf(each) === id);
  const next = known
    ? items.flatMap((each) => (keyOf(each) !== id ? [each] : item ? [item] : []))
    : item
      ? [...items, item]
      : items;
  return { ...plan, [list]: next };
}

/** Records what the edit of one list item means; refusals about it under `prefix`. */
function editItem<Key extends ListKey>(
  state: SprintState,
  list: Key,
  id: string,
  item: (plan: Plan) => Lists[Key][number] | null,
  prefix: string,
  reason: string,
  otherwise: (found: string) => string = (found) => found,
) {
  const edit = (plan: Plan) => withItem(plan, list, id, item(plan));
  return editPlan(state, edit, reason, (found, next) => {
    const index = next[list].findIndex((each) => keyOf(each) === id);
    const path = index < 0 ? null : `plan.${list}[${index}]`;
    return under(path, prefix, prefix || 'input', otherwise)(found);
  });
}

function current<Key extends ListKey>(
  state: SprintState,
  plan: Plan,
  list: Key,
  id: string,
  field = {
    deliverables: 'deliverableId',
    checkpoints: 'checkpointId',
    risks: 'riskId',
    qualityTargets: 'metric',
  }[list],
): Lists[Key][number] {
  const items = plan[list] as readonly Lists[Key][number][];
  const found = items.find((each) => keyOf(each) === id);
  if (!found) {
    const kind = list === 'qualityTargets' ? 'quality target' : list.replace(/s$/, '');
    throw new AppError('NOT_FOUND', `no ${kind} ${id} in sprint ${state.id}`, field);
  }
  return found;
}

function changedSomething<T>(drafts: T[], field: string): T[] {
  if (drafts.length === 0)
    throw new AppError('VALIDATION_FAILED', 'the change changes nothing', field);
  return drafts;
}

function requireNew(known: Readonly<Record<string, unknown>>, id: string, field: string): void {
  if (lookup(known, id) !== undefined)
    throw new AppError('ALREADY_EXISTS', `${id} exists already`, field);
}

export const registerDeciders: Deciders<RegisterCommand, Emitted> = {
  AddDeliverable({ deliverable }, state) {
    requireNew(state.deliverables, deliverable.id, 'deliverable.id');
    const item = {
      ...deliverable,
      phase: deliverable.phase ?? null,
      path: deliverable.path ?? null,
    };
    return editItem(state, 'deliverables', item.id, () => item, 'deliverable', 'added');
  },
  ChangeDeliverable(command, state) {
    const id = command.deliverableId;
    const item = (plan: Plan) => {
      const was = current(state, plan, 'deliverables', id);
      return {
        ...was,
        category: command.category ?? was.category,
        name: command.name ?? was.name,
        phase: command.phase === undefined ? was.phase : command.phase,
        path: command.path === undefined ? was.path : command.path,
      };
    };
    return changedSomething(
      editItem(state, 'deliverables', id, item, '', 'changed'),
      'deliverableId',
    );
  },
  CancelDeliverable({ deliverableId, reason }, state) {
    requireText(reason, 'reason');
    const item = (plan: Plan) => {
      current(state, plan, 'deliverables', deliverableId); // refuses what the plan does not hold
      return null;
    };
    return editItem(state, 'deliverables', deliverableId, item, '', reason, () => 'deliverableId');
  },
  AddCheckpoint({ checkpoint }, state) {
    requireNew(state.checkpoints, checkpoint.id, 'checkpoint.id');
    const item = { ...checkpoint, criteria: checkpoint.criteria ?? [] };
    return editItem(state, 'checkpoints', item.id, () => item, 'checkpoint', 'added');
  },
  ChangeCheckpoint(command, state) {
    const id = command.checkpointId;
    const item = (plan: Plan) => {
      const was = current(state, plan, 'checkpoints', id);
      return {
        ...was,
        name: command.name ?? was.name,
        phase: command.phase ?? was.phase,
        hourWindow: command.hourWindow ?? was.hourWindow,
        criteria: command.criteria ?? was.criteria,
      };
    };
    return changedSomething(
      editItem(state, 'checkpoints', id, item, '', 'changed'),
      'checkpointId',
    );
  },
  CancelCheckpoint({ checkpointId, reason }, state) {
    requireText(reason, 'reason');
    const item = (plan: Plan) => {
      current(state, plan, 'checkpoints', checkpointId); // refuses what the plan does not hold
      return null;
    };
    return editItem(state, 'checkpoints', checkpointId, item, '', reason, () => 'checkpointId');
  },
  AddRisk({ risk }, state) {
    requireNew(state.risks, risk.id, 'risk.id');
    const item = { ...risk, status: risk.status ?? 'ACTIVE' };
    return editItem(state, 'risks', item.id, () => item, 'risk', 'added');
  },
  ChangeRisk(command, state) {
    const id = command.riskId;
    const item = (plan: Plan) => {
      const was = current(state, plan, 'risks', id);
      return {
        ...was,
        category: command.category ?? was.category,
        severity: command.severity ?? was.severity,
        mitigation: command.mitigation ?? was.mitigation,
      };
    };
    return changedSomething(editItem(state, 'risks', id, item, '', 'changed'), 'riskId');
  },
  SetQualityTarget({ metric, target }, state) {
    const item = { metric, target };
    const drafts = editItem(state, 'qualityTargets', metric, () => item, '', 'set');
    return changedSomething(drafts, 'target');
  },
  RemoveQualityTarget({ metric, reason }, state) {
    requireText(reason, 'reason');
    const item = (plan: Plan) => {
      current(state, plan, 'qualityTargets', metric); // refuses what the plan does not hold
      return null;
    };
    return editItem(state, 'qualityTargets', metric, item, '', reason, () => 'metric');
  },
};
