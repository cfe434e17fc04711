import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A titled block of shell commands.' })
export class CommandBlock {
  @Field({ description: 'What the commands are for.' }) title!: string;
  @Field(() => [String], { description: 'The commands, one per line.' }) lines!: readonly string[];
}

@ObjectType({ description: 'An agent’s quick command reference.' })
export class AgentCommands {
  @Field({ description: 'The agent the commands are for.' }) agent!: string;
  @Field(() => [CommandBlock], { description: "The agent's command blocks, in order." })
  blocks!: readonly CommandBlock[];
}

@ObjectType({ description: 'An item of the next-steps checklist.' })
export class NextStep {
  @Field(() => ID, { description: 'Its id in the checklist.' }) id!: string;
  @Field({ description: 'What to do.' }) title!: string;
  @Field(() => [String], { description: 'More about it, a line each.' })
  details!: readonly string[];
  @Field(() => [String], { description: 'Commands to run for it.' }) commands!: readonly string[];
  @Field({ description: 'Checked off.' }) done!: boolean;
  @Field(() => String, { nullable: true, description: 'Who checked it off.' })
  doneBy!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was ticked; null while open.' })
  doneAt!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a plan change took it off.' })
  removedAt!: string | null;
}

@ObjectType({ description: 'An emergency contact: who stands for a role, and their backup.' })
export class Contact {
  @Field({ description: 'The role, e.g. escalation.' }) role!: string;
  @Field({ description: 'The agent who stands for the role.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'Who stands in for it, if anyone.' })
  backup!: string | null;
}

@ObjectType({ description: 'The critical path of the plan as the sprint started.' })
export class BaselinePathView {
  @Field(() => Float, { description: 'The length of that path in estimated hours.' })
  hours!: number;
  @Field(() => [String], { description: 'Its longest chain of tasks, in order.' })
  chain!: readonly string[];
}

@ObjectType({ description: 'A group of file locations.' })
export class FileGroup {
  @Field({ description: "The group's name." }) group!: string;
  @Field(() => [String], { description: 'The file paths of the group.' }) paths!: readonly string[];
}
