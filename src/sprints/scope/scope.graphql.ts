import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PlanActionEnum, PlanElementEnum } from '../graphql/enums.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';
import { Task, UserError } from '../graphql/objects.js';
import type { PlanAction, PlanElement } from '../model/vocabulary.js';
import type { PlanChange as PlanChangeData } from './plan-preview.js';

@ObjectType({ description: 'One field of a scope change, as JSON before and after.' })
export class FieldChange {
  @Field({ description: "The field's name." }) field!: string;
  @Field(() => String, { nullable: true, description: 'JSON; null for an addition.' })
  before!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON; null for a cancellation.' })
  after!: string | null;
}

@ObjectType({ description: 'One scope change a plan makes, and the event that records it.' })
export class PlanChange implements PlanChangeData {
  @Field(() => String, { description: 'The event type it is recorded as, e.g. TaskReestimated.' })
  event!: PlanChangeData['event'];
  @Field(() => PlanActionEnum, { description: 'What the change does.' }) action!: PlanAction;
  @Field(() => PlanElementEnum, { description: 'What kind of element it is about.' })
  element!: PlanElement;
  @Field({ description: 'The element’s id: a task id, a phase number, an agent…' }) id!: string;
  @Field(() => [FieldChange], { description: 'The fields that change, before and after.' })
  fields!: readonly FieldChange[];
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
  @Field(() => ID, {
    nullable: true,
    description: 'The sprint the plan is for; null when the plan names none.',
  })
  sprintId!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The version the preview was made at: apply with it as expectedVersion.',
  })
  version!: number | null;
  @Field(() => [PlanChange], {
    description: 'Each scope change, in the order it would be recorded.',
  })
  changes!: readonly PlanChange[];
  @Field(() => [UserError], { description: 'Why the plan would be refused; empty if not.' })
  userErrors!: readonly UserError[];
}

@InputType({
  description:
    'A whole revised plan: the service records each difference from the current plan as a scope change.',
})
export class ApplyPlanChangesInput extends SprintMutationInput {
  @Field({ description: 'The whole plan as it should now be, in YAML or JSON.' }) plan!: string;
  @Field(() => String, { nullable: true, description: 'Recorded with what it cancels.' })
  reason?: string | null;
}

@InputType({ description: 'A task as a plan file writes it.' })
export class NewTaskInput {
  @Field({ description: 'Its id, unique in the sprint (e.g. 1.1).' }) id!: string;
  @Field({ description: 'What to do.' }) title!: string;
  @Field(() => Float, { description: 'The hours planned; a range’s upper bound.' })
  estimateHours!: number;
  @Field(() => Float, { nullable: true, description: 'A range’s lower bound (`1-2h`).' })
  estimateMinHours?: number | null;
  @Field(() => [String], { description: 'The agents who work it.' }) assignees!: string[];
  @Field(() => [String], { nullable: true, description: 'The ids of the tasks it waits for.' })
  dependsOn?: string[] | null;
}

@InputType({ description: "Adds a task to a phase of a sprint's plan." })
export class AddTaskInput extends SprintMutationInput {
  @Field(() => Int, { description: 'The number of the phase the task belongs to.' }) phase!: number;
  @Field(() => NewTaskInput, { description: 'The task to add.' }) task!: NewTaskInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task changed.' }) taskId!: string;
  @Field(() => String, { nullable: true, description: 'Its new title.' }) title?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'The hours planned; without estimateMinHours the estimate becomes one number.',
  })
  estimateHours?: number | null;
  @Field(() => Float, { nullable: true, description: 'Makes the estimate a range from this.' })
  estimateMinHours?: number | null;
  @Field(() => Int, { nullable: true, description: 'Moves it to the end of that phase.' })
  phase?: number | null;
  @Field(() => [String], { nullable: true, description: 'Its new assignees.' }) assignees?:
    string[] | null;
  @Field(() => [String], { nullable: true, description: 'The ids of the tasks it now depends on.' })
  dependsOn?: string[] | null;
}

@InputType({ description: 'Cancels a task of the plan.' })
export class CancelTaskInput extends SprintMutationInput {
  @Field({ description: 'The id of the task.' }) taskId!: string;
  @Field({ description: 'Why it is cancelled, for the scope log.' }) reason!: string;
}

@InputType({ description: 'Cancels a whole sprint.' })
export class CancelSprintInput extends SprintMutationInput {
  @Field({ description: 'Why it is cancelled.' }) reason!: string;
}

@ObjectType({ description: "What a change to a sprint's plan returns." })
export class PlanChangesPayload extends MutationPayload {
  @Field(() => [PlanChange], { description: 'The scope changes recorded.' })
  changes?: readonly PlanChange[];
}

@ObjectType({ description: 'What a change to a task of the plan returns.' })
export class ScopeTaskPayload extends PlanChangesPayload {
  @Field(() => Task, { nullable: true, description: 'The task after the mutation.' })
  task?: Task | null;
}
