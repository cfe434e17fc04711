import { Global, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { AppConfig } from '../config.js';
import { createKafka } from './kafka.js';
import { KafkaRelay } from './kafka-relay.js';
import { RelayResolver } from './relay.resolver.js';

@Global()
@Module({
  providers: [
    { provide: Kafka, useFactory: createKafka, inject: [AppConfig] },
    KafkaRelay,
    RelayResolver,
  ],
  exports: [Kafka, KafkaRelay],
})
export class EventStoreModule {}
