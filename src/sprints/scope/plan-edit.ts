import { AppError } from '../../common/errors.js';
import type { SprintState } from '../model/state.js';
import { checkPlanDocument, type SprintPlan } from '../plan/plan-document.js';
import { planChanges, type ScopeDraft } from './plan-changes.js';
import { planOf } from './plan-of.js';

/** A refusal with its field renamed (and the name in its message with it). */
function renamed(error: unknown, field: (path: string) => string): unknown {
  if (!(error instanceof AppError) || !error.field) return error;
  const name = field(error.field);
  return new AppError(error.code, error.message.replace(error.field, name), name, error.details);
}

/**
 * A mutation's edit of the current plan, checked as an import is and then turned into scope
 * events. `field` names, for a refusal at a path of the edited plan, the mutation's own input
 * field (`task.estimateHours`, not `plan.phases[0].tasks[2].estimateHours`).
 */
export function editPlan(
  state: SprintState,
  edit: (plan: SprintPlan) => SprintPlan,
  reason: string,
  field: (found: string, next: SprintPlan) => string,
): ScopeDraft[] {
  const next = edit(planOf(state));
  try {
    return planChanges(state, checkPlanDocument(next), reason);
  } catch (error) {
    throw renamed(error, (found) => field(found, next));
  }
}

/** A renamer of the paths under `path` to `prefix` and what follows it (`task.assignees[0]`). */
export function under(
  path: string | null,
  prefix: string,
  whole: string,
  otherwise: (found: string) => string,
) {
  return (found: string) =>
    path !== null && (found === path || found.startsWith(`${path}.`))
      ? `${prefix}${found.slice(path.length)}`.replace(/^\./, '') || whole
      : otherwise(found);
}
