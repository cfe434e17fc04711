import { z } from 'zod';
import { fact, id, name, type EventsOf } from '../model/event-kit.js';
import { communicationTypes } from '../model/vocabulary.js';

/** The communication log between agents and the coordinator. */
export const communicationEvents = {
  CommunicationLogged: [
    fact('A message between agents was logged.', {
      communicationId: id,
      from: name,
      to: name.nullable().describe('An agent’s name, or null for everyone.'),
      subject: z.string(),
      body: z.string(),
      communicationType: z.enum(communicationTypes),
      replyTo: id.nullable(),
    }),
  ],
  CommunicationAnswered: [
    fact('A request or question was answered.', {
      communicationId: id,
      answeredBy: name,
      answer: z.string(),
    }),
  ],
} as const;

export type CommunicationEvent = EventsOf<typeof communicationEvents>;
