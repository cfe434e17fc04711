import type { SprintDomain } from './ledger/sprint-domain.js';
import { authorize } from './sprint-access.js';
import {
  assertWithinContract,
  currentSchemaVersion,
  sprintLog,
  type SprintEvent,
} from './sprint-events.js';
import { decide, fold, type SprintCommand } from './sprint.js';

/** The sprint's rules as the ledger takes them: the router, the access rules, the contract. */
export const sprintDomain: SprintDomain = {
  decide: (command, state, context) => decide(command as SprintCommand, state, context),
  fold: (state, events) => fold(state, events as readonly SprintEvent[]),
  authorize: (principal, sprintId, command, state) => {
    authorize(principal, sprintId, command as SprintCommand, state);
  },
  schemaVersionOf(event) {
    assertWithinContract(event as SprintEvent);
    return currentSchemaVersion((event as SprintEvent).type);
  },
  log: sprintLog,
};
