import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintMutations } from '../graphql/mutation.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import type { RegisterCommand } from './register.decide.js';
import {
  AddCheckpointInput,
  AddDeliverableInput,
  AddRiskInput,
  CancelCheckpointInput,
  CancelDeliverableInput,
  ChangeCheckpointInput,
  ChangeDeliverableInput,
  ChangeRiskInput,
  RemoveQualityTargetInput,
  SetQualityTargetInput,
} from './register.graphql.js';
import { PlanChangesPayload } from './scope.graphql.js';
import { changesOf } from './scope.resolver.js';

/** A deliverable, checkpoint, risk or quality-target command on the CommandBus. */
export class RegisterCommandMessage extends SprintCommandMessage<RegisterCommand> {}
export const RegisterCommandHandler = sprintCommandHandler(RegisterCommandMessage);

type Input = { sprintId: string; idempotencyKey?: string | null; expectedVersion?: number | null };

/** One deliverable, checkpoint, risk or quality target at a time: each a scope change. */
@Resolver()
export class RegisterResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(RegisterCommandMessage);
  }

  private send(input: Input, request: FastifyRequest, command: RegisterCommand) {
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Adds a deliverable to the plan; recorded as a scope change.',
  })
  addDeliverable(
    @MutationInput() input: AddDeliverableInput,
    @Context('request') r: FastifyRequest,
  ) {
    return this.send(input, r, { kind: 'AddDeliverable', deliverable: input.deliverable });
  }

  @Mutation(() => PlanChangesPayload, {
    description:
      "Changes a deliverable's name, category, path or phase; recorded as a scope change.",
  })
  changeDeliverable(
    @MutationInput() input: ChangeDeliverableInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { deliverableId, category, name, phase, path } = input;
    return this.send(input, r, {
      kind: 'ChangeDeliverable',
      deliverableId,
      category,
      name,
      phase,
      path,
    });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Takes a deliverable out of the plan.' })
  cancelDeliverable(
    @MutationInput() input: CancelDeliverableInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { deliverableId, reason } = input;
    return this.send(input, r, { kind: 'CancelDeliverable', deliverableId, reason });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Adds a checkpoint to the plan; recorded as a scope change.',
  })
  addCheckpoint(@MutationInput() input: AddCheckpointInput, @Context('request') r: FastifyRequest) {
    return this.send(input, r, { kind: 'AddCheckpoint', checkpoint: input.checkpoint });
  }

  @Mutation(() => PlanChangesPayload, {
    description:
      "Changes a checkpoint's name, phase, window or criteria; recorded as a scope change.",
  })
  changeCheckpoint(
    @MutationInput() input: ChangeCheckpointInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { checkpointId, name, phase, hourWindow, criteria } = input;
    return this.send(input, r, {
      kind: 'ChangeCheckpoint',
      checkpointId,
      name,
      phase,
      hourWindow,
      criteria,
    });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Takes a checkpoint not yet passed out of the plan.',
  })
  cancelCheckpoint(
    @MutationInput() input: CancelCheckpointInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { checkpointId, reason } = input;
    return this.send(input, r, { kind: 'CancelCheckpoint', checkpointId, reason });
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Adds a risk to the register; recorded as a scope change.',
  })
  addRisk(@MutationInput() input: AddRiskInput, @Context('request') r: FastifyRequest) {
    return this.send(input, r, { kind: 'AddRisk', risk: input.risk });
  }

  @Mutation(() => PlanChangesPayload, {
    description: "Changes a risk's category, severity or mitigation; recorded as a scope change.",
  })
  changeRisk(@MutationInput() input: ChangeRiskInput, @Context('request') r: FastifyRequest) {
    const { riskId, category, severity, mitigation } = input;
    return this.send(input, r, { kind: 'ChangeRisk', riskId, category, severity, mitigation });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Adds a quality target or changes one.' })
  setQualityTarget(
    @MutationInput() input: SetQualityTargetInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { metric, target } = input;
    return this.send(input, r, { kind: 'SetQualityTarget', metric, target });
  }

  @Mutation(() => PlanChangesPayload, { description: 'Drops a quality target from the plan.' })
  removeQualityTarget(
    @MutationInput() input: RemoveQualityTargetInput,
    @Context('request') r: FastifyRequest,
  ) {
    const { metric, reason } = input;
    return this.send(input, r, { kind: 'RemoveQualityTarget', metric, reason });
  }
}
