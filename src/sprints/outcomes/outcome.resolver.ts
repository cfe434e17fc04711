import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { OutcomeCommand } from './outcome.decide.js';
import {
  CompleteDeliverableInput,
  ReopenDeliverableInput,
  ChangeRiskStatusInput,
  RecordQualityMetricInput,
  DeliverablePayload,
  RiskPayload,
  QualityTargetPayload,
} from './outcome.graphql.js';

/** A outcome command on the CommandBus; its handler runs it on the ledger. */
export class OutcomeCommandMessage extends SprintCommandMessage<OutcomeCommand> {}
export const OutcomeCommandHandler = sprintCommandHandler(OutcomeCommandMessage);

@Resolver()
export class OutcomeResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(OutcomeCommandMessage);
  }

  @Mutation(() => DeliverablePayload, { description: 'Marks a deliverable delivered.' })
  completeDeliverable(
    @MutationInput() input: CompleteDeliverableInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'CompleteDeliverable', deliverableId: input.deliverableId },
      (state) => ({ deliverable: lookup(state.deliverables, input.deliverableId) }),
    );
  }

  @Mutation(() => DeliverablePayload, {
    description: 'Reopens a delivered deliverable, with a reason.',
  })
  reopenDeliverable(
    @MutationInput() input: ReopenDeliverableInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ReopenDeliverable', deliverableId: input.deliverableId, reason: input.reason },
      (state) => ({ deliverable: lookup(state.deliverables, input.deliverableId) }),
    );
  }

  @Mutation(() => RiskPayload, {
    description: 'Moves a risk to another status: ACTIVE, TRIGGERED, MITIGATED or CLOSED.',
  })
  changeRiskStatus(
    @MutationInput() input: ChangeRiskStatusInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ChangeRiskStatus',
        riskId: input.riskId,
        status: input.status,
        note: input.note ?? null,
      },
      (state) => ({ risk: lookup(state.risks, input.riskId) }),
    );
  }

  @Mutation(() => QualityTargetPayload, {
    description: 'Records a measured value of a quality target (coverage, lint errors, ...).',
  })
  recordQualityMetric(
    @MutationInput() input: RecordQualityMetricInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'RecordQualityMetric', metric: input.metric, value: input.value },
      (state) => ({ qualityTarget: lookup(state.qualityTargets, input.metric) }),
    );
  }
}
