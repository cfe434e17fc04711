import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { DeliverableCategoryEnum, RiskLevelEnum, RiskStatusEnum } from '../graphql/enums.js';
import { SprintMutationInput } from '../graphql/mutation.js';
import type { DeliverableCategory, RiskLevel, RiskStatus } from '../model/vocabulary.js';

@InputType({ description: 'Hours since the start, from and to.' })
export class HourWindowInput {
  @Field(() => Float) from!: number;
  @Field(() => Float) to!: number;
}

@InputType({ description: 'A deliverable as a plan file writes it.' })
export class NewDeliverableInput {
  @Field() id!: string;
  @Field(() => DeliverableCategoryEnum) category!: DeliverableCategory;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) phase?: number | null;
  @Field(() => String, { nullable: true, description: 'Where it will be.' }) path?: string | null;
}

@InputType()
export class AddDeliverableInput extends SprintMutationInput {
  @Field(() => NewDeliverableInput) deliverable!: NewDeliverableInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
  @Field(() => DeliverableCategoryEnum, { nullable: true }) category?: DeliverableCategory | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) phase?: number | null;
  @Field(() => String, { nullable: true }) path?: string | null;
}

@InputType()
export class CancelDeliverableInput extends SprintMutationInput {
  @Field() deliverableId!: string;
  @Field() reason!: string;
}

@InputType({ description: 'A checkpoint as a plan file writes it.' })
export class NewCheckpointInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => Int) phase!: number;
  @Field(() => HourWindowInput) hourWindow!: HourWindowInput;
  @Field(() => [String], { nullable: true }) criteria?: string[] | null;
}

@InputType()
export class AddCheckpointInput extends SprintMutationInput {
  @Field(() => NewCheckpointInput) checkpoint!: NewCheckpointInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeCheckpointInput extends SprintMutationInput {
  @Field() checkpointId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) phase?: number | null;
  @Field(() => HourWindowInput, { nullable: true }) hourWindow?: HourWindowInput | null;
  @Field(() => [String], { nullable: true }) criteria?: string[] | null;
}

@InputType()
export class CancelCheckpointInput extends SprintMutationInput {
  @Field() checkpointId!: string;
  @Field() reason!: string;
}

@InputType({ description: 'A risk as a plan file writes it.' })
export class NewRiskInput {
  @Field() id!: string;
  @Field() category!: string;
  @Field(() => RiskLevelEnum) severity!: RiskLevel;
  @Field(() => RiskStatusEnum, { nullable: true }) status?: RiskStatus | null;
  @Field() mitigation!: string;
}

@InputType()
export class AddRiskInput extends SprintMutationInput {
  @Field(() => NewRiskInput) risk!: NewRiskInput;
}

@InputType({ description: 'The fields given change (its status: changeRiskStatus).' })
export class ChangeRiskInput extends SprintMutationInput {
  @Field() riskId!: string;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => RiskLevelEnum, { nullable: true }) severity?: RiskLevel | null;
  @Field(() => String, { nullable: true }) mitigation?: string | null;
}

@InputType()
export class SetQualityTargetInput extends SprintMutationInput {
  @Field() metric!: string;
  @Field() target!: string;
}

@InputType()
export class RemoveQualityTargetInput extends SprintMutationInput {
  @Field() metric!: string;
  @Field() reason!: string;
}
