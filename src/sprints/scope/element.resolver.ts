import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintMutations } from '../graphql/mutation.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import type { ElementCommand } from './element.decide.js';
import {
  AddAgentInput,
  AddPhaseInput,
  CancelPhaseInput,
  ChangeAgentInput,
  ChangePhaseInput,
  RetireAgentInput,
} from './element.graphql.js';
import { PlanChangesPayload } from './scope.graphql.js';
import { changesOf } from './scope.resolver.js';

/** A phase or agent command on the CommandBus; its handler runs it on the ledger. */
export class ElementCommandMessage extends SprintCommandMessage<ElementCommand> {}
export const ElementCommandHandler = sprintCommandHandler(ElementCommandMessage);

/** One phase or agent at a time; each records what a re-applied plan file would. */
@Resolver()
export class ElementResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(ElementCommandMessage);
  }

  private send(
    input: { sprintId: string; idempotencyKey?: string | null; expectedVersion?: number | null },
    request: FastifyRequest,
    command: ElementCommand,
  ) {
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => PlanChangesPayload, { description: 'Adds a phase with its first tasks.' })
  addPhase(@MutationInput() input: AddPhaseInput, @Context('request') request: FastifyRequest) {
    return this.send(input, request, { kind: 'AddPhase', phase: input.phase, tasks: input.tasks });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Changes a phase’s name, estimate, dependencies, critical-path flag or risk.',
  })
  changePhase(
    @MutationInput() input: ChangePhaseInput,
    @Context('request') request: FastifyRequest,
  ) {
    const { phase, name, estimateHours, dependsOn, criticalPath, riskLevel } = input;
    return this.send(input, request, {
      kind: 'ChangePhase',
      phase,
      name,
      estimateHours,
      dependsOn,
      criticalPath,
      riskLevel,
    });
  }

  @Mutation(() => PlanChangesPayload, {
    description:
      'Takes a phase that has not started out of the plan, with its tasks (and out of what depended on it).',
  })
  cancelPhase(
    @MutationInput() input: CancelPhaseInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.send(input, request, {
      kind: 'CancelPhase',
      phase: input.phase,
      reason: input.reason,
    });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Adds an agent to the sprint.' })
  addAgent(@MutationInput() input: AddAgentInput, @Context('request') request: FastifyRequest) {
    return this.send(input, request, { kind: 'AddAgent', agent: input.agent });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Changes an agent’s role, backup or critical dependencies.',
  })
  changeAgent(
    @MutationInput() input: ChangeAgentInput,
    @Context('request') request: FastifyRequest,
  ) {
    const { agent, role, backup, criticalDependencies } = input;
    return this.send(input, request, {
      kind: 'ChangeAgent',
      agent,
      role,
      backup,
      criticalDependencies,
    });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Retires an agent with no open task and no open blocker.',
  })
  retireAgent(
    @MutationInput() input: RetireAgentInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.send(input, request, {
      kind: 'RetireAgent',
      agent: input.agent,
      reason: input.reason,
    });
  }
}
