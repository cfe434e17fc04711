import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A titled block of shell commands.' })
export class CommandBlock {
  @Field() title!: string;
  @Field(() => [String]) lines!: readonly string[];
}

@ObjectType({ description: 'An agent’s quick command reference.' })
export class AgentCommands {
  @Field() agent!: string;
  @Field(() => [CommandBlock]) blocks!: readonly CommandBlock[];
}

@ObjectType({ description: 'An item of the next-steps checklist.' })
export class NextStep {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => [String]) details!: readonly string[];
  @Field(() => [String], { description: 'Commands to run for it.' }) commands!: readonly string[];
  @Field({ description: 'Checked off.' }) done!: boolean;
  @Field(() => String, { nullable: true, description: 'Who checked it off.' })
  doneBy!: string | null;
  @Field(() => Date, { nullable: true }) doneAt!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a plan change took it off.' })
  removedAt!: string | null;
}

@ObjectType({ description: 'An emergency contact: who stands for a role, and their backup.' })
export class Contact {
  @Field() role!: string;
  @Field() agent!: string;
  @Field(() => String, { nullable: true }) backup!: string | null;
}

@ObjectType({ description: 'The critical path of the plan as the sprint started.' })
export class BaselinePathView {
  @Field(() => Float) hours!: number;
  @Field(() => [String], { description: 'Its longest chain of tasks, in order.' })
  chain!: readonly string[];
}

@ObjectType({ description: 'A group of file locations.' })
export class FileGroup {
  @Field() group!: string;
  @Field(() => [String]) paths!: readonly string[];
}
