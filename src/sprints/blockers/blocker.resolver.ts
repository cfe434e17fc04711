import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { createdId, SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { BlockerCommand } from './blocker.decide.js';
import {
  RaiseBlockerInput,
  ChangeBlockerSeverityInput,
  ResolveBlockerInput,
  BlockerPayload,
} from './blocker.graphql.js';

/** A blocker command on the CommandBus; its handler runs it on the ledger. */
export class BlockerCommandMessage extends SprintCommandMessage<BlockerCommand> {}
export const BlockerCommandHandler = sprintCommandHandler(BlockerCommandMessage);

@Resolver()
export class BlockerResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(BlockerCommandMessage);
  }

  @Mutation(() => BlockerPayload, {
    description:
      "Raises a blocker for the caller's agent: P0 stops all starts, P1 stops the agent's starts, a blocker naming a task stops that task; SLA escalation follows.",
  })
  raiseBlocker(
    @MutationInput() input: RaiseBlockerInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'RaiseBlocker',
        severity: input.severity,
        agent: input.agent,
        taskId: input.taskId ?? null,
        description: input.description,
      },
      (state, changes) => ({
        blocker: lookup(state.blockers, createdId(changes, 'BlockerRaised', 'blockerId')),
      }),
    );
  }

  @Mutation(() => BlockerPayload, {
    description:
      "Raises or lowers an open blocker's severity, with a reason; its SLA clock follows the new severity.",
  })
  changeBlockerSeverity(
    @MutationInput() input: ChangeBlockerSeverityInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ChangeBlockerSeverity',
        blockerId: input.blockerId,
        severity: input.severity,
        reason: input.reason ?? null,
      },
      (state) => ({ blocker: lookup(state.blockers, input.blockerId) }),
    );
  }

  @Mutation(() => BlockerPayload, {
    description: 'Resolves an open blocker, saying how; the work it stopped may go on.',
  })
  resolveBlocker(
    @MutationInput() input: ResolveBlockerInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ResolveBlocker', blockerId: input.blockerId, resolution: input.resolution },
      (state) => ({ blocker: lookup(state.blockers, input.blockerId) }),
    );
  }
}
