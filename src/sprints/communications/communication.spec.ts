import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { start } from '../../../test/builders/commands.js';
import type { CommunicationCommand } from './communication.decide.js';

describe('communications', () => {
  const message = (
    type: 'REQUEST' | 'QUESTION' | 'NOTIFICATION' | 'BLOCKER',
  ): CommunicationCommand => ({
    kind: 'LogCommunication',
    from: 'qa',
    to: 'dev',
    subject: 'Worker',
    body: 'Is the worker up?',
    type,
  });

  it('logs every type, to an agent or to everyone', () => {
    for (const type of ['REQUEST', 'QUESTION', 'NOTIFICATION', 'BLOCKER'] as const) {
      given(history()).when(message(type)).thenTypes(['CommunicationLogged']);
    }
    given(history())
      .when({ ...message('NOTIFICATION'), to: null } as CommunicationCommand)
      .then([
        event('CommunicationLogged', {
          communicationId: 'C-1',
          from: 'qa',
          to: null,
          subject: 'Worker',
          body: 'Is the worker up?',
          communicationType: 'NOTIFICATION',
          replyTo: null,
        }),
      ]);
  });

  it('opens a blocker from a BLOCKER message in the same step, and only from one', () => {
    given(history(start('2.1', 'qa')))
      .when({
        ...message('BLOCKER'),
        blocker: { severity: 'P1', taskId: '2.1' },
      } as CommunicationCommand)
      .thenTypes(['CommunicationLogged', 'BlockerRaised', 'TaskBlocked', 'AgentStatusChanged']);
    given(history())
      .when({ ...message('QUESTION'), blocker: { severity: 'P1' } } as CommunicationCommand)
      .thenRefused('VALIDATION_FAILED', 'blocker');
  });

  it('answers requests and questions, once', () => {
    for (const type of ['REQUEST', 'QUESTION'] as const) {
      given(history(message(type)))
        .when({
          kind: 'AnswerCommunication',
          communicationId: 'C-1',
          answeredBy: 'dev',
          answer: 'Yes',
        })
        .then([
          event('CommunicationAnswered', {
            communicationId: 'C-1',
            answeredBy: 'dev',
            answer: 'Yes',
          }),
        ]);
    }
    const answer: CommunicationCommand = {
      kind: 'AnswerCommunication',
      communicationId: 'C-1',
      answeredBy: 'dev',
      answer: 'Yes',
    };
    given(history(message('NOTIFICATION')))
      .when(answer)
      .thenRefused('INVALID_TRANSITION');
    given(history(message('QUESTION'), answer))
      .when(answer)
      .thenRefused('INVALID_TRANSITION');
  });
});
