import type { Evolvers } from '../model/seam.js';
import { insert, update } from '../model/state.js';
import type { CommunicationEvent } from './communication.events.js';

export const communicationEvolvers: Evolvers<CommunicationEvent> = {
  CommunicationLogged: (state, { data }) => ({
    ...state,
    communications: insert(state.communications, data.communicationId, {
      id: data.communicationId,
      at: data.at,
      from: data.from,
      to: data.to,
      subject: data.subject,
      body: data.body,
      type: data.communicationType,
      replyTo: data.replyTo,
      answer: null,
    }),
  }),
  CommunicationAnswered: (state, { data }) => ({
    ...state,
    communications: update(state.communications, data.communicationId, (message) => ({
      ...message,
      answer: { by: data.answeredBy, body: data.answer, at: data.at },
    })),
  }),
};
