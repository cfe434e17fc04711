import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../../access/access.guard.js';
import { requireCoordinator } from '../../access/authorize.js';
import { checkTexts } from '../../common/text-limits.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { refused, SprintMutations, SprintPayload } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import { parseSprintPlan } from './plan-document.js';
import type { PlanCommand } from './plan.decide.js';
import {
  ImportSprintPlanInput,
  CompleteSprintInput,
  DeclareAgentReadyInput,
  AgentPayload,
} from './plan.graphql.js';

/** A plan command on the CommandBus; its handler runs it on the ledger. */
export class PlanCommandMessage extends SprintCommandMessage<PlanCommand> {}
export const PlanCommandHandler = sprintCommandHandler(PlanCommandMessage);

@Resolver()
export class PlanResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(PlanCommandMessage);
  }

  @Mutation(() => SprintPayload, { description: 'Plans a sprint from a YAML or JSON plan.' })
  async importSprintPlan(
    @MutationInput() input: ImportSprintPlanInput,
    @Context('request') request: FastifyRequest,
  ): Promise<SprintPayload> {
    let plan;
    try {
      requireCoordinator(principalOfRequest(request), 'plan sprints');
      checkTexts(input);
      plan = parseSprintPlan(input.plan);
    } catch (error) {
      return refused(error);
    }
    return this.run(plan.key, input, request, { kind: 'PlanSprint', plan }, () => ({}));
  }

  @Mutation(() => SprintPayload, {
    description: 'Closes an active sprint whose phases are all complete.',
  })
  completeSprint(
    @MutationInput() input: CompleteSprintInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(input.sprintId, input, request, { kind: 'CompleteSprint' }, () => ({}));
  }

  @Mutation(() => AgentPayload, {
    description: 'Declares an agent ready to take work: ASSIGNED becomes READY.',
  })
  declareAgentReady(
    @MutationInput() input: DeclareAgentReadyInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'DeclareAgentReady', agent: input.agent },
      (state) => ({
        agent: lookup(state.agents, input.agent),
      }),
    );
  }
}
