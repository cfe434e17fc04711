import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
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

  @Mutation(() => DeliverablePayload)
  completeDeliverable(
    @Args('input') input: CompleteDeliverableInput,
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

  @Mutation(() => DeliverablePayload)
  reopenDeliverable(
    @Args('input') input: ReopenDeliverableInput,
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

  @Mutation(() => RiskPayload)
  changeRiskStatus(
    @Args('input') input: ChangeRiskStatusInput,
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

  @Mutation(() => QualityTargetPayload)
  recordQualityMetric(
    @Args('input') input: RecordQualityMetricInput,
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
