import { Field, ObjectType } from '@nestjs/graphql';
import {
  Agent,
  Blocker,
  Checkpoint,
  Communication,
  Deliverable,
  Issue,
  QualityTarget,
  RecordedEventRef,
  Risk,
  Sprint,
  Task,
  UserError,
} from './sprint.types.js';

@ObjectType({ isAbstract: true })
export abstract class MutationPayload {
  @Field(() => Sprint, { nullable: true, description: 'The sprint after the mutation.' })
  sprint!: Sprint | null;

  @Field(() => [RecordedEventRef], { description: 'What was recorded; empty when refused.' })
  events!: readonly RecordedEventRef[];

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: readonly UserError[];

  @Field({ description: 'True when an idempotency key repeated an earlier mutation.' })
  replayed!: boolean;
}

@ObjectType()
export class SprintPayload extends MutationPayload {}

@ObjectType()
export class AgentPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true }) agent?: Agent | null;
}

@ObjectType()
export class TaskPayload extends MutationPayload {
  @Field(() => Task, { nullable: true }) task?: Task | null;
}

@ObjectType()
export class BlockerPayload extends MutationPayload {
  @Field(() => Blocker, { nullable: true }) blocker?: Blocker | null;
}

@ObjectType()
export class IssuePayload extends MutationPayload {
  @Field(() => Issue, { nullable: true }) issue?: Issue | null;
}

@ObjectType()
export class CommunicationPayload extends MutationPayload {
  @Field(() => Communication, { nullable: true }) communication?: Communication | null;
  @Field(() => Blocker, { nullable: true, description: 'The blocker a BLOCKER message opened.' })
  blocker?: Blocker | null;
}

@ObjectType()
export class CheckpointPayload extends MutationPayload {
  @Field(() => Checkpoint, { nullable: true }) checkpoint?: Checkpoint | null;
}

@ObjectType()
export class DeliverablePayload extends MutationPayload {
  @Field(() => Deliverable, { nullable: true }) deliverable?: Deliverable | null;
}

@ObjectType()
export class RiskPayload extends MutationPayload {
  @Field(() => Risk, { nullable: true }) risk?: Risk | null;
}

@ObjectType()
export class QualityTargetPayload extends MutationPayload {
  @Field(() => QualityTarget, { nullable: true }) qualityTarget?: QualityTarget | null;
}
