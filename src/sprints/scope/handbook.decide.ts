import { AppError } from '../../common/errors.js';
import { requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup, type SprintState } from '../model/state.js';
import type {
  PlannedCommands,
  PlannedContact,
  PlannedFileGroup,
  PlannedNextStep,
  SprintPlan,
} from '../plan/plan-document.js';
import type { ScopeDraft } from './plan-changes.js';
import { editPlan, under } from './plan-edit.js';
import type { TaskEvent } from '../tasks/task.events.js';
import type { ScopeEvent } from './scope.events.js';

type Plan = SprintPlan;
type Emitted = ScopeEvent | Extract<TaskEvent, { type: 'TaskReassigned' }>;

/**
 * The reference's guiding sections one at a time: an agent's command reference, an item of the
 * next-steps checklist, the contacts, the file locations. Each is an edit of the plan, checked
 * as an import is.
 */
export type HandbookCommand =
  | {
      readonly kind: 'SetCommands';
      readonly agent: string;
      readonly blocks: PlannedCommands['blocks'];
    }
  | {
      readonly kind: 'AddNextStep';
      readonly step: {
        readonly id: string;
        readonly title: string;
        readonly details?: readonly string[] | null;
        readonly commands?: readonly string[] | null;
      };
    }
  | {
      readonly kind: 'ChangeNextStep';
      readonly stepId: string;
      readonly title?: string | null;
      readonly details?: readonly string[] | null;
      readonly commands?: readonly string[] | null;
    }
  | { readonly kind: 'RemoveNextStep'; readonly stepId: string; readonly reason: string }
  | {
      readonly kind: 'SetContacts';
      readonly contacts: readonly { role: string; agent: string; backup?: string | null }[];
      readonly escalation?: string | null;
    }
  | { readonly kind: 'SetFileLocations'; readonly groups: readonly PlannedFileGroup[] };

function changedSomething(drafts: ScopeDraft[], field: string): ScopeDraft[] {
  if (drafts.length === 0)
    throw new AppError('VALIDATION_FAILED', 'the change changes nothing', field);
  return drafts;
}

/** Refusals at `plan.<list>[i]` (the edited item) under `prefix`, the rest as found. */
function itemField(list: string, index: (plan: Plan) => number, prefix: string) {
  return (found: string, next: Plan) => {
    const at = index(next);
    return under(at < 0 ? null : `plan.${list}[${at}]`, prefix, prefix || 'input', (o) => o)(found);
  };
}

function currentStep(state: SprintState, plan: Plan, stepId: string): PlannedNextStep {
  const step = plan.nextSteps.find((each) => each.id === stepId);
  if (!step)
    throw new AppError('NOT_FOUND', `no next step ${stepId} in sprint ${state.id}`, 'stepId');
  return step;
}

const stepIndex = (stepId: string) => (plan: Plan) =>
  plan.nextSteps.findIndex((step) => step.id === stepId);

/** A whole list of the plan replaced; refusals under `plan.<list>` read as the input's `field`. */
function replacing(list: string, field: string) {
  return (found: string) =>
    found === `plan.${list}` || found.startsWith(`plan.${list}[`)
      ? `${field}${found.slice(`plan.${list}`.length)}`
      : found;
}

export const handbookDeciders: Deciders<HandbookCommand, Emitted> = {
  SetCommands({ agent, blocks }, state) {
    const agentIndex = (plan: Plan) => plan.commands.findIndex((each) => each.agent === agent);
    const edit = (plan: Plan): Plan => {
      const others = plan.commands.filter((each) => each.agent !== agent);
      const mine: PlannedCommands[] = blocks.length > 0 ? [{ agent, blocks }] : [];
      const at = agentIndex(plan);
      return {
        ...plan,
        commands:
          at < 0
            ? [...others, ...mine]
            : plan.commands.flatMap((each) => (each.agent === agent ? mine : [each])),
      };
    };
    const drafts = editPlan(state, edit, 'set', itemField('commands', agentIndex, ''));
    return changedSomething(drafts, 'blocks');
  },
  AddNextStep({ step }, state) {
    if (lookup(state.nextSteps, step.id) !== undefined)
      throw new AppError('ALREADY_EXISTS', `next step ${step.id} exists already`, 'step.id');
    const item: PlannedNextStep = {
      id: step.id,
      title: step.title,
      details: step.details ?? [],
      commands: step.commands ?? [],
    };
    const edit = (plan: Plan) => ({ ...plan, nextSteps: [...plan.nextSteps, item] });
    return editPlan(state, edit, 'added', itemField('nextSteps', stepIndex(step.id), 'step'));
  },
  ChangeNextStep(command, state) {
    const edit = (plan: Plan) => {
      const was = currentStep(state, plan, command.stepId);
      const item: PlannedNextStep = {
        ...was,
        title: command.title ?? was.title,
        details: command.details ?? was.details,
        commands: command.commands ?? was.commands,
      };
      return {
        ...plan,
        nextSteps: plan.nextSteps.map((each) => (each.id === was.id ? item : each)),
      };
    };
    const drafts = editPlan(
      state,
      edit,
      'changed',
      itemField('nextSteps', stepIndex(command.stepId), ''),
    );
    return changedSomething(drafts, 'stepId');
  },
  RemoveNextStep({ stepId, reason }, state) {
    requireText(reason, 'reason');
    const edit = (plan: Plan) => {
      currentStep(state, plan, stepId); // refuses what the plan does not hold
      return { ...plan, nextSteps: plan.nextSteps.filter((each) => each.id !== stepId) };
    };
    return editPlan(state, edit, reason, (found) => found);
  },
  SetContacts(command, state) {
    const contacts: PlannedContact[] = command.contacts.map((contact) => ({
      role: contact.role,
      agent: contact.agent,
      backup: contact.backup ?? null,
    }));
    const edit = (plan: Plan) => ({
      ...plan,
      contacts,
      escalation: command.escalation === undefined ? plan.escalation : command.escalation,
    });
    const field = (found: string) =>
      found.startsWith('plan.escalation') ? 'escalation' : replacing('contacts', 'contacts')(found);
    return changedSomething(editPlan(state, edit, 'set', field), 'contacts');
  },
  SetFileLocations({ groups }, state) {
    const edit = (plan: Plan) => ({ ...plan, fileLocations: groups });
    const drafts = editPlan(state, edit, 'set', replacing('fileLocations', 'groups'));
    return changedSomething(drafts, 'groups');
  },
};
