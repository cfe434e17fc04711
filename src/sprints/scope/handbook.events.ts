import { z } from 'zod';
import { change, changesOf, fact, id, list, name, reason } from '../model/event-kit.js';
import { commandBlock, contactEntry, fileGroup, nextStepFields } from '../plan/plan.events.js';

/**
 * Changes to the parts of the plan that guide the agents rather than schedule them, the
 * reference dashboard's own sections: an agent's command reference, the next-steps checklist,
 * the emergency contacts and the file locations. Scope changes like any other: each with its
 * before and after, none of them moving hours.
 */
export const handbookEvents = {
  CommandsChanged: [
    fact('An agent’s quick command reference changed; no blocks: it has none.', {
      agent: name,
      ...change(list(commandBlock)),
    }),
  ],
  NextStepAdded: [
    fact('An item was added to the next-steps checklist.', { stepId: id, ...nextStepFields }),
  ],
  NextStepChanged: [
    fact('An item of the next-steps checklist changed.', {
      stepId: id,
      changes: changesOf(nextStepFields),
    }),
  ],
  NextStepRemoved: [
    fact('An item was taken off the next-steps checklist; it stays in the history.', {
      stepId: id,
      reason,
    }),
  ],
  ContactsChanged: [
    fact('The emergency contacts or the escalation contact changed.', {
      changes: changesOf({ contacts: list(contactEntry), escalation: z.string().nullable() }),
    }),
  ],
  FileLocationsChanged: [fact('The file locations changed.', { ...change(list(fileGroup)) })],
} as const;
