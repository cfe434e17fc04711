import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Deliverable, Risk, QualityTarget } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { RiskStatusEnum } from '../graphql/enums.js';
import type { RiskStatus } from '../model/vocabulary.js';

@InputType()
export class CompleteDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
}

@InputType()
export class ReopenDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
  @Field() reason!: string;
}

@InputType()
export class ChangeRiskStatusInput extends SprintMutationInput {
  @Field() riskId!: string;
  @Field(() => RiskStatusEnum) status!: RiskStatus;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RecordQualityMetricInput extends SprintMutationInput {
  @Field() metric!: string;
  @Field() value!: string;
}

@ObjectType()
export class DeliverablePayload extends MutationPayload {
  @Field(() => Deliverable, { nullable: true }) deliverable?: Deliverable | null;
}

@ObjectType()
export class RiskPayload extends MutationPayload {
  @Field(() => Risk, { nullable: true }) risk?: Risk | null;
}

@ObjectType()
export class QualityTargetPayload extends MutationPayload {
  @Field(() => QualityTarget, { nullable: true }) qualityTarget?: QualityTarget | null;
}
