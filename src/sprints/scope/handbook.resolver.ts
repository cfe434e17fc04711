import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../../access/access.guard.js';
import { SprintMutations } from '../graphql/mutation.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { lookup } from '../model/state.js';
import { coordinator } from '../model/vocabulary.js';
import type { OutcomeCommand } from '../outcomes/outcome.decide.js';
import type { HandbookCommand } from './handbook.decide.js';
import {
  AddNextStepInput,
  ChangeNextStepInput,
  CheckNextStepInput,
  NextStepPayload,
  RemoveNextStepInput,
  SetCommandsInput,
  SetContactsInput,
  SetFileLocationsInput,
  UncheckNextStepInput,
} from './handbook.graphql.js';
import { PlanChangesPayload } from './scope.graphql.js';
import { changesOf } from './scope.resolver.js';

/** A command-reference, next-step, contacts or file-locations command on the CommandBus. */
export class HandbookCommandMessage extends SprintCommandMessage<
  HandbookCommand | OutcomeCommand
> {}
export const HandbookCommandHandler = sprintCommandHandler(HandbookCommandMessage);

type Input = { sprintId: string; idempotencyKey?: string | null; expectedVersion?: number | null };

/** The reference's guiding sections, one at a time, and the next steps checked off. */
@Resolver()
export class HandbookResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(HandbookCommandMessage);
  }

  private send(input: Input, request: FastifyRequest, command: HandbookCommand) {
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Sets an agent’s quick command reference; no blocks removes it.',
  })
  setCommands(@MutationInput() input: SetCommandsInput, @Context('request') r: FastifyRequest) {
    return this.send(input, r, { kind: 'SetCommands', agent: input.agent, blocks: input.blocks });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Adds an item to the next-steps checklist.' })
  addNextStep(@MutationInput() input: AddNextStepInput, @Context('request') r: FastifyRequest) {
    return this.send(input, r, { kind: 'AddNextStep', step: input.step });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Changes an item of the next-steps checklist.',
  })
  changeNextStep(
    @MutationInput() input: ChangeNextStepInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { stepId, title, details, commands } = input;
    return this.send(input, r, { kind: 'ChangeNextStep', stepId, title, details, commands });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Takes an item off the next-steps list.' })
  removeNextStep(
    @MutationInput() input: RemoveNextStepInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { stepId, reason } = input;
    return this.send(input, r, { kind: 'RemoveNextStep', stepId, reason });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Sets the emergency contacts.' })
  setContacts(@MutationInput() input: SetContactsInput, @Context('request') r: FastifyRequest) {
    const { contacts, escalation } = input;
    return this.send(input, r, { kind: 'SetContacts', contacts, escalation });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Sets the file locations.' })
  setFileLocations(
    @MutationInput() input: SetFileLocationsInput,
    @Context('request') r: FastifyRequest,
  ) {
    return this.send(input, r, { kind: 'SetFileLocations', groups: input.groups });
  }

  @Mutation(() => NextStepPayload, { description: 'Checks off an item of the next steps.' })
  checkNextStep(@MutationInput() input: CheckNextStepInput, @Context('request') r: FastifyRequest) {
    const principal = principalOfRequest(r);
    const by =
      input.by ??
      principal.agent ??
      (principal.role === 'COORDINATOR' ? coordinator : principal.name);
    return this.run(
      input.sprintId,
      input,
      r,
      { kind: 'CheckNextStep', stepId: input.stepId, by },
      (state) => ({ nextStep: lookup(state.nextSteps, input.stepId) }),
    );
  }

  @Mutation(() => NextStepPayload, { description: 'Opens a checked-off next step again.' })
  uncheckNextStep(
    @MutationInput() input: UncheckNextStepInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { stepId, reason } = input;
    return this.run(
      input.sprintId,
      input,
      r,
      { kind: 'UncheckNextStep', stepId, reason },
      (state) => ({
        nextStep: lookup(state.nextSteps, stepId),
      }),
    );
  }
}
