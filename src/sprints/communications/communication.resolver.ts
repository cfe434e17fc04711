import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { createdId, SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { CommunicationCommand } from './communication.decide.js';
import {
  LogCommunicationInput,
  AnswerCommunicationInput,
  CommunicationPayload,
} from './communication.graphql.js';

/** A communication command on the CommandBus; its handler runs it on the ledger. */
export class CommunicationCommandMessage extends SprintCommandMessage<CommunicationCommand> {}
export const CommunicationCommandHandler = sprintCommandHandler(CommunicationCommandMessage);

@Resolver()
export class CommunicationResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(CommunicationCommandMessage);
  }

  @Mutation(() => CommunicationPayload, {
    description:
      "Adds a request, question, notification or blocker to the communication log, from the caller's agent; a BLOCKER with a severity also raises a blocker.",
  })
  logCommunication(
    @MutationInput() input: LogCommunicationInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'LogCommunication',
        from: input.from,
        to: input.to ?? null,
        subject: input.subject,
        body: input.body,
        type: input.type,
        replyTo: input.replyTo ?? null,
        blocker: input.blocker ?? null,
      },
      (state, changes) => ({
        communication: lookup(
          state.communications,
          createdId(changes, 'CommunicationLogged', 'communicationId'),
        ),
        blocker: lookup(state.blockers, createdId(changes, 'BlockerRaised', 'blockerId')),
      }),
    );
  }

  @Mutation(() => CommunicationPayload, { description: 'Answers a REQUEST or a QUESTION.' })
  answerCommunication(
    @MutationInput() input: AnswerCommunicationInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'AnswerCommunication',
        communicationId: input.communicationId,
        answeredBy: input.answeredBy,
        answer: input.answer,
      },
      (state) => ({ communication: lookup(state.communications, input.communicationId) }),
    );
  }
}
