import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { DeliverableCategoryEnum, RiskLevelEnum, RiskStatusEnum } from '../graphql/enums.js';
import { SprintMutationInput } from '../graphql/mutation.js';
import type { DeliverableCategory, RiskLevel, RiskStatus } from '../model/vocabulary.js';

@InputType({ description: 'Hours since the start, from and to.' })
export class HourWindowInput {
  @Field(() => Float, { description: "Its start, in hours since the sprint's start." })
  from!: number;
  @Field(() => Float, { description: "Its end, in hours since the sprint's start." }) to!: number;
}

@InputType({ description: 'A deliverable as a plan file writes it.' })
export class NewDeliverableInput {
  @Field({ description: 'Its id, unique in the sprint.' }) id!: string;
  @Field(() => DeliverableCategoryEnum, { description: 'What kind of deliverable it is.' })
  category!: DeliverableCategory;
  @Field({ description: 'Its name, often a file path.' }) name!: string;
  @Field(() => Int, { nullable: true, description: 'The number of the phase that delivers it.' })
  phase?: number | null;
  @Field(() => String, { nullable: true, description: 'Where it will be.' }) path?: string | null;
}

@InputType({ description: "Adds a deliverable to a sprint's plan." })
export class AddDeliverableInput extends SprintMutationInput {
  @Field(() => NewDeliverableInput, { description: 'The deliverable to add.' })
  deliverable!: NewDeliverableInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeDeliverableInput extends SprintMutationInput {
  @Field({ description: 'The id of the deliverable changed.' }) deliverableId!: string;
  @Field(() => DeliverableCategoryEnum, { nullable: true, description: 'Its new category.' })
  category?: DeliverableCategory | null;
  @Field(() => String, { nullable: true, description: 'Its new name.' }) name?: string | null;
  @Field(() => Int, { nullable: true, description: 'The number of the phase it now belongs to.' })
  phase?: number | null;
  @Field(() => String, { nullable: true, description: 'Its new file path.' }) path?: string | null;
}

@InputType({ description: 'Cancels a deliverable of the plan.' })
export class CancelDeliverableInput extends SprintMutationInput {
  @Field({ description: 'The id of the deliverable.' }) deliverableId!: string;
  @Field({ description: 'Why it is cancelled, for the scope log.' }) reason!: string;
}

@InputType({ description: 'A checkpoint as a plan file writes it.' })
export class NewCheckpointInput {
  @Field({ description: 'Its id, unique in the sprint.' }) id!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => Int, { description: 'The number of the phase it closes.' }) phase!: number;
  @Field(() => HourWindowInput, { description: 'When it is due, in hours since the start.' })
  hourWindow!: HourWindowInput;
  @Field(() => [String], { nullable: true, description: 'What must hold for it to pass.' })
  criteria?: string[] | null;
}

@InputType({ description: "Adds a checkpoint to a sprint's plan." })
export class AddCheckpointInput extends SprintMutationInput {
  @Field(() => NewCheckpointInput, { description: 'The checkpoint to add.' })
  checkpoint!: NewCheckpointInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeCheckpointInput extends SprintMutationInput {
  @Field({ description: 'The id of the checkpoint changed.' }) checkpointId!: string;
  @Field(() => String, { nullable: true, description: 'Its new name.' }) name?: string | null;
  @Field(() => Int, { nullable: true, description: 'The number of the phase it now belongs to.' })
  phase?: number | null;
  @Field(() => HourWindowInput, {
    nullable: true,
    description: 'Its new window, in hours since the start.',
  })
  hourWindow?: HourWindowInput | null;
  @Field(() => [String], { nullable: true, description: 'Its new list of criteria.' }) criteria?:
    string[] | null;
}

@InputType({ description: 'Cancels a checkpoint of the plan.' })
export class CancelCheckpointInput extends SprintMutationInput {
  @Field({ description: 'The id of the checkpoint.' }) checkpointId!: string;
  @Field({ description: 'Why it is cancelled, for the scope log.' }) reason!: string;
}

@InputType({ description: 'A risk as a plan file writes it.' })
export class NewRiskInput {
  @Field({ description: 'Its id, unique in the sprint.' }) id!: string;
  @Field({ description: 'What kind of risk it is.' }) category!: string;
  @Field(() => RiskLevelEnum, { description: 'How bad it would be.' }) severity!: RiskLevel;
  @Field(() => RiskStatusEnum, {
    nullable: true,
    description: 'Where it stands; ACTIVE if not given.',
  })
  status?: RiskStatus | null;
  @Field({ description: 'What is done about it.' }) mitigation!: string;
}

@InputType({ description: 'Adds a risk to the risk register.' })
export class AddRiskInput extends SprintMutationInput {
  @Field(() => NewRiskInput, { description: 'The risk to add.' }) risk!: NewRiskInput;
}

@InputType({ description: 'The fields given change (its status: changeRiskStatus).' })
export class ChangeRiskInput extends SprintMutationInput {
  @Field({ description: 'The id of the risk changed.' }) riskId!: string;
  @Field(() => String, { nullable: true, description: 'Its new category.' }) category?:
    string | null;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'Its new severity.' })
  severity?: RiskLevel | null;
  @Field(() => String, { nullable: true, description: 'Its new mitigation.' }) mitigation?:
    string | null;
}

@InputType({ description: 'Sets a quality target, new or changed.' })
export class SetQualityTargetInput extends SprintMutationInput {
  @Field({ description: "The metric's name." }) metric!: string;
  @Field({ description: 'Its target, as text (e.g. >= 80%).' }) target!: string;
}

@InputType({ description: 'Removes a quality target.' })
export class RemoveQualityTargetInput extends SprintMutationInput {
  @Field({ description: "The metric's name." }) metric!: string;
  @Field({ description: 'Why, for the scope log.' }) reason!: string;
}
