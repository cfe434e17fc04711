import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { RiskLevelEnum } from '../graphql/enums.js';
import { SprintMutationInput } from '../graphql/mutation.js';
import type { RiskLevel } from '../model/vocabulary.js';
import { NewTaskInput } from './scope.graphql.js';

@InputType({ description: 'Hours from min to max.' })
export class HourRangeInput {
  @Field(() => Float, { description: 'The fewest hours.' }) min!: number;
  @Field(() => Float, { description: 'The most hours.' }) max!: number;
}

@InputType({ description: 'A phase as a plan file writes it, without its tasks.' })
export class NewPhaseInput {
  @Field(() => Int, { description: 'Its number, unique in the sprint.' }) number!: number;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => HourRangeInput, { description: 'How long it should take.' })
  estimateHours!: HourRangeInput;
  @Field(() => [Int], { nullable: true, description: 'The numbers of the phases it waits for.' })
  dependsOn?: number[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether it is on the plan's critical path.",
  })
  criticalPath?: boolean | null;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'How risky it is.' })
  riskLevel?: RiskLevel | null;
}

@InputType({ description: "Adds a phase to a sprint's plan." })
export class AddPhaseInput extends SprintMutationInput {
  @Field(() => NewPhaseInput, { description: 'The phase to add.' }) phase!: NewPhaseInput;
  @Field(() => [NewTaskInput], { description: 'Its first tasks: a phase is never empty.' })
  tasks!: NewTaskInput[];
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangePhaseInput extends SprintMutationInput {
  @Field(() => Int, { description: 'The number of the phase changed.' }) phase!: number;
  @Field(() => String, { nullable: true, description: 'Its new name.' }) name?: string | null;
  @Field(() => HourRangeInput, { nullable: true, description: 'Its new estimate.' })
  estimateHours?: HourRangeInput | null;
  @Field(() => [Int], {
    nullable: true,
    description: 'The numbers of the phases it now depends on.',
  })
  dependsOn?: number[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether it is now on the plan's critical path.",
  })
  criticalPath?: boolean | null;
  @Field(() => RiskLevelEnum, { nullable: true, description: 'Its new risk level.' })
  riskLevel?: RiskLevel | null;
}

@InputType({ description: 'Cancels a phase of the plan and its tasks.' })
export class CancelPhaseInput extends SprintMutationInput {
  @Field(() => Int, { description: 'The number of the phase.' }) phase!: number;
  @Field({ description: 'Why it is cancelled, for the scope log.' }) reason!: string;
}

@InputType({ description: 'An agent as a plan file writes it.' })
export class NewAgentInput {
  @Field({ description: 'Its name, unique in the sprint: lower case, digits and dashes.' })
  name!: string;
  @Field({ description: 'What it does in this sprint.' }) role!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The agent who takes over its blockers when it goes silent.',
  })
  backup?: string | null;
  @Field(() => [String], { nullable: true, description: 'What its work depends on.' })
  criticalDependencies?: string[] | null;
}

@InputType({ description: "Adds an agent to a sprint's plan." })
export class AddAgentInput extends SprintMutationInput {
  @Field(() => NewAgentInput, { description: 'The agent to add.' }) agent!: NewAgentInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeAgentInput extends SprintMutationInput {
  @Field({ description: 'The name of the agent changed.' }) agent!: string;
  @Field(() => String, { nullable: true, description: 'Its new role.' }) role?: string | null;
  @Field(() => String, { nullable: true, description: 'Its new backup agent.' }) backup?:
    string | null;
  @Field(() => [String], { nullable: true, description: 'Its new list of critical dependencies.' })
  criticalDependencies?: string[] | null;
}

@InputType({ description: 'Retires an agent from the sprint.' })
export class RetireAgentInput extends SprintMutationInput {
  @Field({ description: 'The name of the agent.' }) agent!: string;
  @Field({ description: 'Why, for the scope log.' }) reason!: string;
}
