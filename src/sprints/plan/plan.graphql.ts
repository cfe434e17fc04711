import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Agent } from '../graphql/objects.js';
import { MutationPayload, SprintMutationInput, IdempotentInput } from '../graphql/mutation.js';

@InputType({ description: 'A new sprint from its plan, as a plan file writes it.' })
export class ImportSprintPlanInput extends IdempotentInput {
  @Field({ description: 'The plan, in YAML or JSON (see /contract/sprint-plan.schema.json).' })
  plan!: string;
}

@InputType({ description: 'Completes a sprint once its work is done.' })
export class CompleteSprintInput extends SprintMutationInput {}

@InputType({ description: 'Declares an agent ready to work.' })
export class DeclareAgentReadyInput extends SprintMutationInput {
  @Field({ description: 'The name of the agent.' }) agent!: string;
}

@ObjectType({ description: 'What declareAgentReady returns.' })
export class AgentPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent after the mutation.' })
  agent?: Agent | null;
}
