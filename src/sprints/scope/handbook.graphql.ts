import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { NextStep } from '../graphql/handbook-objects.js';
import { MutationPayload, SprintMutationInput } from '../graphql/mutation.js';

@InputType({ description: 'A titled block of shell commands.' })
export class CommandBlockInput {
  @Field() title!: string;
  @Field(() => [String]) lines!: string[];
}

@InputType({ description: 'An agent’s whole command reference: no blocks removes it.' })
export class SetCommandsInput extends SprintMutationInput {
  @Field() agent!: string;
  @Field(() => [CommandBlockInput]) blocks!: CommandBlockInput[];
}

@InputType({ description: 'An item of the next-steps checklist as a plan file writes it.' })
export class NewNextStepInput {
  @Field() id!: string;
  @Field() title!: string;
  @Field(() => [String], { nullable: true }) details?: string[] | null;
  @Field(() => [String], { nullable: true }) commands?: string[] | null;
}

@InputType()
export class AddNextStepInput extends SprintMutationInput {
  @Field(() => NewNextStepInput) step!: NewNextStepInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeNextStepInput extends SprintMutationInput {
  @Field() stepId!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => [String], { nullable: true }) details?: string[] | null;
  @Field(() => [String], { nullable: true }) commands?: string[] | null;
}

@InputType()
export class RemoveNextStepInput extends SprintMutationInput {
  @Field() stepId!: string;
  @Field() reason!: string;
}

@InputType({ description: 'An emergency contact.' })
export class ContactInput {
  @Field() role!: string;
  @Field() agent!: string;
  @Field(() => String, { nullable: true }) backup?: string | null;
}

@InputType({ description: 'The whole contact list; the escalation contact if given.' })
export class SetContactsInput extends SprintMutationInput {
  @Field(() => [ContactInput]) contacts!: ContactInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Who a problem the agents cannot settle goes to; null: the coordinator.',
  })
  escalation?: string | null;
}

@InputType({ description: 'A group of file locations.' })
export class FileGroupInput {
  @Field() group!: string;
  @Field(() => [String]) paths!: string[];
}

@InputType({ description: 'The whole list of file locations.' })
export class SetFileLocationsInput extends SprintMutationInput {
  @Field(() => [FileGroupInput]) groups!: FileGroupInput[];
}

@InputType()
export class CheckNextStepInput extends SprintMutationInput {
  @Field() stepId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Who did it: an agent acts as itself; a coordinator may name an agent.',
  })
  by?: string | null;
}

@InputType()
export class UncheckNextStepInput extends SprintMutationInput {
  @Field() stepId!: string;
  @Field() reason!: string;
}

@ObjectType()
export class NextStepPayload extends MutationPayload {
  @Field(() => NextStep, { nullable: true }) nextStep?: NextStep | null;
}
