import { Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql-enum.js';
import { Pool } from 'pg';
import { AppConfig } from '../config/config.js';
import { loadPosition, relayPositionName, subscriptionLag } from './positions.js';
import { KafkaRelay, type RelayRole } from './kafka-relay.js';

const relayRoles = graphqlEnum(
  ['LEADER', 'STANDBY', 'STOPPED'] as const,
  'RelayRole',
  'This instance’s part in publishing the event log to Kafka.',
  {
    LEADER: 'Publishes: it holds the relay’s advisory lock.',
    STANDBY: 'Waits to take over when the leader goes away.',
    STOPPED: 'Does not run (RELAY_ENABLED=false, or shutting down).',
  },
);

@ObjectType({ description: 'How far the event log has been published to Kafka.' })
export class RelayStatus {
  @Field(() => relayRoles, { description: "This instance's part in publishing." })
  role!: RelayRole;

  @Field({ description: 'Whether this instance holds a working Kafka producer.' })
  kafkaConnected!: boolean;

  @Field(() => Float, { description: 'Global position of the last event Kafka acknowledged.' })
  publishedPosition!: number;

  @Field(() => Int, { description: 'Committed events not yet acknowledged by Kafka.' })
  lagEvents!: number;

  @Field(() => Float, { description: 'Age in seconds of the oldest unpublished event.' })
  lagSeconds!: number;

  @Field(() => Date, { nullable: true, description: 'When an event was last published.' })
  lastPublishedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The last publishing error, while it lasts.',
  })
  lastError!: string | null;
}

@Resolver(() => RelayStatus)
export class RelayResolver {
  constructor(
    private readonly relay: KafkaRelay,
    private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  @Query(() => RelayStatus, { description: 'Publishing of the event log to Kafka.' })
  async relayStatus(): Promise<RelayStatus> {
    const name = relayPositionName(this.config.kafka.topic);
    const [lag, position] = await Promise.all([
      subscriptionLag(this.pool, name),
      loadPosition(this.pool, name),
    ]);
    const state = this.relay.relayState();
    return {
      role: state.role,
      kafkaConnected: state.kafkaConnected,
      publishedPosition: position.position,
      lagEvents: lag.events,
      lagSeconds: lag.seconds,
      lastPublishedAt: state.lastPublishedAt,
      lastError: state.lastError,
    };
  }
}
