import { AppError } from '../../common/errors.js';
import { raiseBlocker } from '../blockers/blocker.decide.js';
import type { BlockerEvent } from '../blockers/blocker.events.js';
import { nextId, requireAgentOrCoordinator, requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import { lookup } from '../model/state.js';
import type { BlockerSeverity, CommunicationType } from '../model/vocabulary.js';
import type { CommunicationEvent } from './communication.events.js';

export type CommunicationCommand =
  | {
      readonly kind: 'LogCommunication';
      readonly from: string;
      readonly to?: string | null;
      readonly subject: string;
      readonly body: string;
      readonly type: CommunicationType;
      readonly replyTo?: string | null;
      /** Only with type BLOCKER: open this blocker in the same step. */
      readonly blocker?: {
        readonly severity: BlockerSeverity;
        readonly taskId?: string | null;
      } | null;
    }
  | {
      readonly kind: 'AnswerCommunication';
      readonly communicationId: string;
      readonly answeredBy: string;
      readonly answer: string;
    };

export const communicationDeciders: Deciders<
  CommunicationCommand,
  CommunicationEvent | BlockerEvent
> = {
  LogCommunication(command, state) {
    requireAgentOrCoordinator(state, command.from, 'from');
    const to = command.to ?? null;
    if (to !== null) requireAgentOrCoordinator(state, to, 'to');
    requireText(command.subject, 'subject');
    requireText(command.body, 'body');
    const replyTo = command.replyTo ?? null;
    if (replyTo !== null && lookup(state.communications, replyTo) === undefined) {
      throw new AppError('NOT_FOUND', `no communication ${replyTo}`, 'replyTo');
    }
    if (command.blocker && command.type !== 'BLOCKER') {
      throw new AppError(
        'VALIDATION_FAILED',
        'only a communication of type BLOCKER opens a blocker',
        'blocker',
      );
    }
    const communicationId = nextId('C', state.communications);
    const blocker = command.blocker
      ? raiseBlocker(
          state,
          {
            severity: command.blocker.severity,
            agent: command.from,
            taskId: command.blocker.taskId ?? null,
            description: `${command.subject}: ${command.body}`,
          },
          communicationId,
        )
      : [];
    return [
      {
        type: 'CommunicationLogged',
        communicationId,
        from: command.from,
        to,
        subject: command.subject,
        body: command.body,
        communicationType: command.type,
        replyTo,
      },
      ...blocker,
    ];
  },
  AnswerCommunication(command, state) {
    const message = lookup(state.communications, command.communicationId);
    if (!message) {
      throw new AppError(
        'NOT_FOUND',
        `no communication ${command.communicationId}`,
        'communicationId',
      );
    }
    requireAgentOrCoordinator(state, command.answeredBy, 'answeredBy');
    requireText(command.answer, 'answer');
    if (message.type !== 'REQUEST' && message.type !== 'QUESTION') {
      throw new AppError(
        'INVALID_TRANSITION',
        `only requests and questions are answered; ${message.id} is a ${message.type}`,
        'communicationId',
      );
    }
    if (message.answer !== null) {
      throw new AppError(
        'INVALID_TRANSITION',
        `${message.id} is already answered`,
        'communicationId',
      );
    }
    return [
      {
        type: 'CommunicationAnswered',
        communicationId: message.id,
        answeredBy: command.answeredBy,
        answer: command.answer,
      },
    ];
  },
};
