import type { EventsOf } from '../model/event-kit.js';
import type { Evolvers } from '../model/seam.js';
import { applied, insert, update } from '../model/state.js';
import type { handbookEvents } from './handbook.events.js';

type HandbookEvent = EventsOf<typeof handbookEvents>;

export const handbookEvolvers: Evolvers<HandbookEvent> = {
  CommandsChanged: (state, { data }) => ({
    ...state,
    commands: insert(state.commands, data.agent, { agent: data.agent, blocks: data.to }),
  }),
  NextStepAdded: (state, { data }) => ({
    ...state,
    nextSteps: insert(state.nextSteps, data.stepId, {
      id: data.stepId,
      title: data.title,
      details: data.details,
      commands: data.commands,
      done: false,
      doneBy: null,
      doneAt: null,
      removedAt: null,
    }),
  }),
  NextStepChanged: (state, { data }) => ({
    ...state,
    nextSteps: update(state.nextSteps, data.stepId, (step) => applied(step, data.changes)),
  }),
  NextStepRemoved: (state, { data }) => ({
    ...state,
    nextSteps: update(state.nextSteps, data.stepId, (step) => ({ ...step, removedAt: data.at })),
  }),
  ContactsChanged: (state, { data }) => applied(state, data.changes),
  FileLocationsChanged: (state, { data }) => ({ ...state, fileLocations: data.to }),
};
