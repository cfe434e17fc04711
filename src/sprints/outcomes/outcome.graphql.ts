import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Deliverable, Risk, QualityTarget } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { RiskStatusEnum } from '../graphql/enums.js';
import type { RiskStatus } from '../model/vocabulary.js';

@InputType({ description: 'Marks a deliverable done.' })
export class CompleteDeliverableInput extends SprintMutationInput {
  @Field({ description: 'The id of the deliverable.' }) deliverableId!: string;
}

@InputType({ description: 'Reopens a delivered deliverable.' })
export class ReopenDeliverableInput extends SprintMutationInput {
  @Field({ description: 'The id of the deliverable.' }) deliverableId!: string;
  @Field({ description: 'Why it is reopened.' }) reason!: string;
}

@InputType({ description: 'Moves a risk of the register to another status.' })
export class ChangeRiskStatusInput extends SprintMutationInput {
  @Field({ description: 'The id of the risk.' }) riskId!: string;
  @Field(() => RiskStatusEnum, { description: 'The new status.' }) status!: RiskStatus;
  @Field(() => String, { nullable: true, description: 'Why, for the record.' }) note?:
    string | null;
}

@InputType({ description: 'Records a measured value of a quality metric.' })
export class RecordQualityMetricInput extends SprintMutationInput {
  @Field({ description: "The metric's name." }) metric!: string;
  @Field({ description: 'The value measured, as text (e.g. 84%).' }) value!: string;
}

@ObjectType({ description: 'What a deliverable mutation returns.' })
export class DeliverablePayload extends MutationPayload {
  @Field(() => Deliverable, { nullable: true, description: 'The deliverable after the mutation.' })
  deliverable?: Deliverable | null;
}

@ObjectType({ description: 'What changeRiskStatus returns.' })
export class RiskPayload extends MutationPayload {
  @Field(() => Risk, { nullable: true, description: 'The risk after the mutation.' })
  risk?: Risk | null;
}

@ObjectType({ description: 'What recordQualityMetric returns.' })
export class QualityTargetPayload extends MutationPayload {
  @Field(() => QualityTarget, { nullable: true, description: 'The target after the mutation.' })
  qualityTarget?: QualityTarget | null;
}
