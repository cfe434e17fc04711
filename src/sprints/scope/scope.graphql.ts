import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PlanActionEnum, PlanElementEnum } from '../graphql/enums.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { Task, UserError } from '../graphql/objects.js';
import type { PlanAction, PlanElement } from '../model/vocabulary.js';
import type { PlanChange as PlanChangeData } from './plan-preview.js';

@ObjectType({ description: 'One field of a scope change, as JSON before and after.' })
export class FieldChange {
  @Field() field!: string;
  @Field(() => String, { nullable: true, description: 'JSON; null for an addition.' })
  before!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON; null for a cancellation.' })
  after!: string | null;
}

@ObjectType({ description: 'One scope change a plan makes, and the event that records it.' })
export class PlanChange implements PlanChangeData {
  @Field(() => String, { description: 'The event type it is recorded as, e.g. TaskReestimated.' })
  event!: PlanChangeData['event'];
  @Field(() => PlanActionEnum) action!: PlanAction;
  @Field(() => PlanElementEnum) element!: PlanElement;
  @Field({ description: 'The element’s id: a task id, a phase number, an agent…' }) id!: string;
  @Field(() => [FieldChange]) fields!: readonly FieldChange[];
  @Field(() => Float, { description: 'Estimated hours it adds (negative: removes).' })
  hoursDelta!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Set when an id changed: read as one cancellation and one addition.',
  })
  note!: string | null;
}

@ObjectType({ description: 'What applying a plan would record; nothing is recorded.' })
export class PlanPreview {
  @Field(() => ID, { nullable: true }) sprintId!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The version the preview was made at: apply with it as expectedVersion.',
  })
  version!: number | null;
  @Field(() => [PlanChange]) changes!: readonly PlanChange[];
  @Field(() => [UserError], { description: 'Why the plan would be refused; empty if not.' })
  userErrors!: readonly UserError[];
}

@InputType()
export class ApplyPlanChangesInput extends SprintMutationInput {
  @Field({ description: 'The whole plan as it should now be, in YAML or JSON.' }) plan!: string;
  @Field(() => String, { nullable: true, description: 'Recorded with what it cancels.' })
  reason?: string | null;
}

@InputType({ description: 'A task as a plan file writes it.' })
export class NewTaskInput {
  @Field() id!: string;
  @Field() title!: string;
  @Field(() => Float, { description: 'The hours planned; a range’s upper bound.' })
  estimateHours!: number;
  @Field(() => Float, { nullable: true, description: 'A range’s lower bound (`1-2h`).' })
  estimateMinHours?: number | null;
  @Field(() => [String]) assignees!: string[];
  @Field(() => [String], { nullable: true }) dependsOn?: string[] | null;
}

@InputType()
export class AddTaskInput extends SprintMutationInput {
  @Field(() => Int) phase!: number;
  @Field(() => NewTaskInput) task!: NewTaskInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'The hours planned; without estimateMinHours the estimate becomes one number.',
  })
  estimateHours?: number | null;
  @Field(() => Float, { nullable: true, description: 'Makes the estimate a range from this.' })
  estimateMinHours?: number | null;
  @Field(() => Int, { nullable: true, description: 'Moves it to the end of that phase.' })
  phase?: number | null;
  @Field(() => [String], { nullable: true }) assignees?: string[] | null;
  @Field(() => [String], { nullable: true }) dependsOn?: string[] | null;
}

@InputType()
export class CancelTaskInput extends SprintMutationInput {
  @Field() taskId!: string;
  @Field() reason!: string;
}

@InputType()
export class CancelSprintInput extends SprintMutationInput {
  @Field() reason!: string;
}

@ObjectType()
export class PlanChangesPayload extends MutationPayload {
  @Field(() => [PlanChange], { description: 'The scope changes recorded.' })
  changes?: readonly PlanChange[];
}

@ObjectType()
export class ScopeTaskPayload extends PlanChangesPayload {
  @Field(() => Task, { nullable: true }) task?: Task | null;
}
