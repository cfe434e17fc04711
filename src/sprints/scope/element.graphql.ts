import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { RiskLevelEnum } from '../graphql/enums.js';
import { SprintMutationInput } from '../graphql/mutation.js';
import type { RiskLevel } from '../model/vocabulary.js';
import { NewTaskInput } from './scope.graphql.js';

@InputType({ description: 'Hours from min to max.' })
export class HourRangeInput {
  @Field(() => Float) min!: number;
  @Field(() => Float) max!: number;
}

@InputType({ description: 'A phase as a plan file writes it, without its tasks.' })
export class NewPhaseInput {
  @Field(() => Int) number!: number;
  @Field() name!: string;
  @Field(() => HourRangeInput) estimateHours!: HourRangeInput;
  @Field(() => [Int], { nullable: true }) dependsOn?: number[] | null;
  @Field(() => Boolean, { nullable: true }) criticalPath?: boolean | null;
  @Field(() => RiskLevelEnum, { nullable: true }) riskLevel?: RiskLevel | null;
}

@InputType()
export class AddPhaseInput extends SprintMutationInput {
  @Field(() => NewPhaseInput) phase!: NewPhaseInput;
  @Field(() => [NewTaskInput], { description: 'Its first tasks: a phase is never empty.' })
  tasks!: NewTaskInput[];
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangePhaseInput extends SprintMutationInput {
  @Field(() => Int) phase!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => HourRangeInput, { nullable: true }) estimateHours?: HourRangeInput | null;
  @Field(() => [Int], { nullable: true }) dependsOn?: number[] | null;
  @Field(() => Boolean, { nullable: true }) criticalPath?: boolean | null;
  @Field(() => RiskLevelEnum, { nullable: true }) riskLevel?: RiskLevel | null;
}

@InputType()
export class CancelPhaseInput extends SprintMutationInput {
  @Field(() => Int) phase!: number;
  @Field() reason!: string;
}

@InputType({ description: 'An agent as a plan file writes it.' })
export class NewAgentInput {
  @Field() name!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true }) backup?: string | null;
  @Field(() => [String], { nullable: true }) criticalDependencies?: string[] | null;
}

@InputType()
export class AddAgentInput extends SprintMutationInput {
  @Field(() => NewAgentInput) agent!: NewAgentInput;
}

@InputType({ description: 'The fields given change; the others stay.' })
export class ChangeAgentInput extends SprintMutationInput {
  @Field() agent!: string;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { nullable: true }) backup?: string | null;
  @Field(() => [String], { nullable: true }) criticalDependencies?: string[] | null;
}

@InputType()
export class RetireAgentInput extends SprintMutationInput {
  @Field() agent!: string;
  @Field() reason!: string;
}
