import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { NextStep } from '../graphql/handbook-objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

@InputType({ description: 'A titled block of shell commands.' })
export class CommandBlockInput {
  @Field({ description: 'What the commands are for.' }) title!: string;
  @Field(() => [String], { description: 'The commands, one per line.' }) lines!: string[];
}

@InputType({ description: 'An agent’s whole command reference: no blocks removes it.' })
export class SetCommandsInput extends SprintMutationInput {
  @Field({ description: 'The agent the commands are for.' }) agent!: string;
  @Field(() => [CommandBlockInput], { description: 'Its command blocks, in order.' })
  blocks!: CommandBlockInput[];
}

@InputType({ description: 'An item of the next-steps checklist as a plan file writes it.' })
export class NewNextStepInput {
  @Field({ description: 'Its id, unique in the checklist.' }) id!: string;
  @Field({ description: 'What to do.' }) title!: string;
  @Field(() => [String], { nullable: true, description: 'More about it, a line each.' }) details?:
    string[] | null;
  @Field(() => [String], { nullable: true, description: 'Commands that do it.' }) commands?:
    string[] | null;
}

@InputType({ description: 'Adds an item to the next-steps checklist.' })
export class AddNextStepInput extends SprintMutationInput {
  @Field(() => NewNextStepInput, { description: 'The item to add.' }) step!: NewNextStepInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeNextStepInput extends SprintMutationInput {
  @Field({ description: 'The id of the item changed.' }) stepId!: string;
  @Field(() => String, { nullable: true, description: 'Its new title.' }) title?: string | null;
  @Field(() => [String], { nullable: true, description: 'Its new details.' }) details?:
    string[] | null;
  @Field(() => [String], { nullable: true, description: 'Its new commands.' }) commands?:
    string[] | null;
}

@InputType({ description: 'Removes an item from the next-steps checklist.' })
export class RemoveNextStepInput extends SprintMutationInput {
  @Field({ description: 'The id of the item.' }) stepId!: string;
  @Field({ description: 'Why, for the scope log.' }) reason!: string;
}

@InputType({ description: 'An emergency contact.' })
export class ContactInput {
  @Field({ description: 'The role, e.g. escalation.' }) role!: string;
  @Field({ description: 'The agent who stands for the role.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'Who stands in for it, if anyone.' })
  backup?: string | null;
}

@InputType({ description: 'The whole contact list; the escalation contact if given.' })
export class SetContactsInput extends SprintMutationInput {
  @Field(() => [ContactInput], { description: 'Every contact, in order.' })
  contacts!: ContactInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Who a problem the agents cannot settle goes to; null: the coordinator.',
  })
  escalation?: string | null;
}

@InputType({ description: 'A group of file locations.' })
export class FileGroupInput {
  @Field({ description: "The group's name." }) group!: string;
  @Field(() => [String], { description: 'The file paths of the group.' }) paths!: string[];
}

@InputType({ description: 'The whole list of file locations.' })
export class SetFileLocationsInput extends SprintMutationInput {
  @Field(() => [FileGroupInput], { description: 'Every group of file locations, in order.' })
  groups!: FileGroupInput[];
}

@InputType({ description: 'Ticks an item of the next-steps checklist.' })
export class CheckNextStepInput extends SprintMutationInput {
  @Field({ description: 'The id of the item.' }) stepId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Who did it: an agent acts as itself; a coordinator may name an agent.',
  })
  by?: string | null;
}

@InputType({ description: 'Unticks an item of the next-steps checklist.' })
export class UncheckNextStepInput extends SprintMutationInput {
  @Field({ description: 'The id of the item.' }) stepId!: string;
  @Field({ description: 'Why, for the record.' }) reason!: string;
}

@ObjectType({ description: 'What a checklist mutation returns.' })
export class NextStepPayload extends MutationPayload {
  @Field(() => NextStep, { nullable: true, description: 'The item after the mutation.' })
  nextStep?: NextStep | null;
}
