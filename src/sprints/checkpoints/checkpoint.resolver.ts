import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { CheckpointCommand } from './checkpoint.decide.js';
import {
  StartCheckpointInput,
  PassCheckpointInput,
  FailCheckpointInput,
  CheckpointPayload,
} from './checkpoint.graphql.js';

/** A checkpoint command on the CommandBus; its handler runs it on the ledger. */
export class CheckpointCommandMessage extends SprintCommandMessage<CheckpointCommand> {}
export const CheckpointCommandHandler = sprintCommandHandler(CheckpointCommandMessage);

@Resolver()
export class CheckpointResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(CheckpointCommandMessage);
  }

  @Mutation(() => CheckpointPayload, {
    description:
      'Starts the validation of a pending checkpoint: it is IN_PROGRESS until passed or failed.',
  })
  startCheckpoint(
    @MutationInput() input: StartCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'StartCheckpoint', checkpointId: input.checkpointId },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }

  @Mutation(() => CheckpointPayload, {
    description: 'Passes a checkpoint whose phase is complete.',
  })
  passCheckpoint(
    @MutationInput() input: PassCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'PassCheckpoint', checkpointId: input.checkpointId, result: input.result ?? '' },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }

  @Mutation(() => CheckpointPayload, { description: 'Fails a checkpoint, with the reason why.' })
  failCheckpoint(
    @MutationInput() input: FailCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'FailCheckpoint', checkpointId: input.checkpointId, reason: input.reason },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }
}
