import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintMutations } from '../graphql/mutation.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { lookup } from '../model/state.js';
import type { TimingCommand } from './timing.decide.js';
import {
  ClaimTaskInput,
  HeartbeatInput,
  LeasePayload,
  ReleaseTaskInput,
} from './timing.graphql.js';

/** A lease command on the CommandBus; its handler runs it on the ledger. */
export class TimingCommandMessage extends SprintCommandMessage<TimingCommand> {}
export const TimingCommandHandler = sprintCommandHandler(TimingCommandMessage);

@Resolver()
export class TimingResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(TimingCommandMessage);
  }

  @Mutation(() => LeasePayload, {
    description:
      'Claims a task with a lease (the plan’s leaseSeconds): starts it if it was in the ready queue. Of two agents claiming one task exactly one wins; the other gets ALREADY_CLAIMED. Keep it with heartbeat; a lease that runs out sends the task back to the queue.',
  })
  claimTask(@MutationInput() input: ClaimTaskInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ClaimTask', taskId: input.taskId, agent: input.agent },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => LeasePayload, {
    description:
      'Renews the lease on a claimed task. Cheap: within the first half of the lease it records nothing (events is empty, task.lease.expiresAt says until when it holds); after that, or with a new note, it records TaskLeaseRenewed. LEASE_LOST once the lease ran out.',
  })
  heartbeat(@MutationInput() input: HeartbeatInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'Heartbeat', taskId: input.taskId, agent: input.agent, note: input.note ?? null },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => LeasePayload, {
    description: 'Gives a claimed task back to the ready queue; its hours so far stay.',
  })
  releaseTask(
    @MutationInput() input: ReleaseTaskInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ReleaseTask',
        taskId: input.taskId,
        agent: input.agent,
        reason: input.reason ?? null,
      },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }
}
