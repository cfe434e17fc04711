import type { SprintState } from '../model/state.js';
import type { SprintPlan } from '../plan/plan-document.js';
import { changed, hasAny, matched, requireNewId, same, type ScopeDraft } from './plan-diff.js';

/**
 * The events that turn the current plan's command reference, next steps, contacts and file
 * locations into `next`'s. A next step keeps its check mark through a change of its wording;
 * one taken off the list keeps its id for good.
 */
export function handbookChanges(
  state: SprintState,
  current: SprintPlan,
  next: SprintPlan,
  reason: string,
): ScopeDraft[] {
  const drafts: ScopeDraft[] = [];
  const commands = matched(current.commands, next.commands, (item) => item.agent);
  for (const { agent, blocks } of commands.added)
    drafts.push({ type: 'CommandsChanged', agent, from: [], to: blocks });
  for (const [before, after] of commands.kept) {
    if (!same(before.blocks, after.blocks))
      drafts.push({
        type: 'CommandsChanged',
        agent: after.agent,
        from: before.blocks,
        to: after.blocks,
      });
  }
  for (const { agent, blocks } of commands.removed)
    drafts.push({ type: 'CommandsChanged', agent, from: blocks, to: [] });
  const steps = matched(current.nextSteps, next.nextSteps, (step) => step.id);
  for (const { id, ...fields } of steps.added) {
    const index = next.nextSteps.findIndex((step) => step.id === id);
    requireNewId(state.nextSteps, 'next step', id, `plan.nextSteps[${index}].id`);
    drafts.push({ type: 'NextStepAdded', stepId: id, ...fields });
  }
  for (const [before, after] of steps.kept) {
    const changes = changed(before, after, ['title', 'details', 'commands'] as const);
    if (hasAny(changes)) drafts.push({ type: 'NextStepChanged', stepId: after.id, changes });
  }
  for (const { id } of steps.removed) drafts.push({ type: 'NextStepRemoved', stepId: id, reason });
  const contacts = changed(current, next, ['contacts', 'escalation'] as const);
  if (hasAny(contacts)) drafts.push({ type: 'ContactsChanged', changes: contacts });
  if (!same(current.fileLocations, next.fileLocations)) {
    drafts.push({
      type: 'FileLocationsChanged',
      from: current.fileLocations,
      to: next.fileLocations,
    });
  }
  return drafts;
}
