import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { AppConfig } from '../config/config.js';
import { createKafka } from './kafka.js';
import { KafkaRelay } from './kafka-relay.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayResolver } from './relay.resolver.js';
import { logReadOptions, type ReadOptions } from './event-store.js';

/** The log and its relay to Kafka; the app says how stored events are read (upcasting). */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(readOptions: ReadOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: Kafka, useFactory: createKafka, inject: [AppConfig] },
        { provide: logReadOptions, useValue: readOptions },
        KafkaRelay,
        RelayMetrics,
        RelayResolver,
      ],
      exports: [Kafka, KafkaRelay, logReadOptions],
    };
  }
}
