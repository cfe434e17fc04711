import { stringify } from 'yaml';
import type { AppConfig } from '../config/config.js';
import { packageVersion } from '../common/package-version.js';
import { cloudEventsSource } from '../event-store/kafka-message.js';
import {
  currentSchemaVersion,
  eventJsonSchema,
  eventSchemaFile,
  sprintEventSchemas,
  sprintEventTypes,
  type SprintEventType,
} from '../sprints/sprint-events.js';
import { sprintPlanJsonSchema } from '../sprints/plan/plan-document.js';

export interface TopicSettings {
  readonly topic: string;
  readonly partitions: number;
}

export function topicSettings(config: AppConfig): TopicSettings {
  return { topic: config.kafka.topic, partitions: config.kafka.topicPartitions };
}

const kafkaBinding = '0.5.0';

/** Every (type, version) pair with a schema, oldest version first. */
export function eventVersions(): { type: (typeof sprintEventTypes)[number]; version: number }[] {
  return sprintEventTypes.flatMap((type) =>
    sprintEventSchemas[type].map((_, index) => ({ type, version: index + 1 })),
  );
}

const messageName = (type: string, version: number) => `${type}.v${version}`;

const headers = {
  type: 'object',
  description: 'CloudEvents 1.0 binary-mode attributes, as Kafka headers.',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_type',
    'ce_source',
    'ce_subject',
    'ce_time',
    'ce_schemaversion',
    'ce_streamversion',
    'ce_position',
    'content-type',
  ],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      format: 'uuid',
      description: 'The event id: the same on every re-send, so consumers de-duplicate by it.',
    },
    ce_type: { type: 'string', description: 'The event type, as in the payload.' },
    ce_source: { type: 'string', const: cloudEventsSource },
    ce_subject: { type: 'string', description: 'The sprint id (the stream), as the key.' },
    ce_time: { type: 'string', format: 'date-time', description: 'When it was recorded.' },
    ce_schemaversion: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'The payload version: the schema of `data` is <type>.v<version>.',
    },
    ce_streamversion: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'The event’s place in its sprint: 1, 2, 3, ... without gaps.',
    },
    ce_position: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'The event’s global position in the log: resume subscriptions after it.',
    },
    'content-type': { type: 'string', const: 'application/json' },
  },
};

const envelope = {
  type: 'object',
  description: 'The Kafka value: one event, its place in the log, and who caused it.',
  required: [
    'eventId',
    'type',
    'schemaVersion',
    'streamId',
    'streamVersion',
    'position',
    'recordedAt',
    'data',
    'metadata',
  ],
  additionalProperties: false,
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    type: { type: 'string' },
    schemaVersion: { type: 'integer', minimum: 1 },
    streamId: { type: 'string', description: 'The sprint id.' },
    streamVersion: { type: 'integer', minimum: 1 },
    position: { type: 'integer', minimum: 1 },
    recordedAt: { type: 'string', format: 'date-time' },
    data: { type: 'object', description: 'The payload; its schema depends on type and version.' },
    metadata: {
      type: 'object',
      description: 'Who and what caused it. More fields may appear; none will be removed.',
      properties: {
        actor: { type: 'string' },
        actorKind: { enum: ['HUMAN', 'AGENT', 'SYSTEM'] },
        principalId: { type: 'string' },
        role: { enum: ['COORDINATOR', 'AGENT', 'VIEWER'] },
        command: { type: 'string' },
        correlationId: { type: ['string', 'null'] },
        causationId: { type: ['string', 'null'] },
        idempotencyKey: { type: ['string', 'null'] },
      },
    },
  },
};

/** The topic as an AsyncAPI 3.0 document: channel, key, headers, and every message version. */
/** One event type at one version as an AsyncAPI message: CloudEvents headers, the envelope. */
function message(type: SprintEventType, version: number) {
  const schema = eventJsonSchema(type, version);
  const current = version === currentSchemaVersion(type);
  return {
    name: type,
    title: `${type} v${version}`,
    summary: `${String(schema.description)}${current ? '' : ' (an older version)'}`,
    contentType: 'application/json',
    headers: {
      allOf: [
        { $ref: '#/components/schemas/CloudEventHeaders' },
        { properties: { ce_type: { const: type }, ce_schemaversion: { const: String(version) } } },
      ],
    },
    payload: {
      allOf: [
        { $ref: '#/components/schemas/EventEnvelope' },
        {
          properties: {
            type: { const: type },
            schemaVersion: { const: version },
            data: { $ref: `./events/${eventSchemaFile(type, version)}` },
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The sprint id.' },
        bindingVersion: kafkaBinding,
      },
    },
  };
}

export function asyncApiDocument(settings: TopicSettings) {
  const versions = eventVersions();
  const messageRefs = Object.fromEntries(
    versions.map(({ type, version }) => [
      messageName(type, version),
      { $ref: `#/components/messages/${messageName(type, version)}` },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'sprint-ledger events',
      version: packageVersion,
      description: [
        'Every event recorded by sprint-ledger, published from its PostgreSQL event log.',
        '',
        '- At least once: a message can arrive twice after a crash or a broker outage; `ce_id` is',
        '  stable across re-sends, so de-duplicate by it.',
        '- In order per sprint: the key is the sprint id, so a sprint stays on one partition, and',
        '  `ce_streamversion` counts 1, 2, 3, ... without gaps within a sprint.',
        '- Versioned payloads: `ce_type` and `ce_schemaversion` name the schema of `data`. Events',
        '  are published at their type’s current version (older stored ones are upcast first), but',
        '  a topic that outlived a version change still holds the older ones: handle every version',
        '  listed here, or read `ce_schemaversion` and skip what you do not know. A re-send after',
        '  a version change may carry the newer version under the same `ce_id`.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    channels: {
      sprintEvents: {
        address: settings.topic,
        title: 'Sprint events',
        description: `The topic named by KAFKA_TOPIC (here ${settings.topic}), with ${settings.partitions} partitions (KAFKA_TOPIC_PARTITIONS), keyed by sprint id.`,
        messages: messageRefs,
        bindings: {
          kafka: {
            topic: settings.topic,
            partitions: settings.partitions,
            bindingVersion: kafkaBinding,
          },
        },
      },
    },
    operations: {
      publishSprintEvents: {
        action: 'send',
        title: 'sprint-ledger publishes each committed event',
        channel: { $ref: '#/channels/sprintEvents' },
        messages: Object.keys(messageRefs).map((name) => ({
          $ref: `#/channels/sprintEvents/messages/${name}`,
        })),
      },
    },
    components: {
      schemas: { CloudEventHeaders: headers, EventEnvelope: envelope },
      messages: Object.fromEntries(
        versions.map(({ type, version }) => [messageName(type, version), message(type, version)]),
      ),
    },
  };
}

/**
 * The contract as files, by path under contract/: what the repository commits and the service
 * serves under /contract. A test holds the two equal.
 */
export function contractFiles(settings: TopicSettings): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'asyncapi.yaml',
    `# Generated by \`npm run schema:emit\`; a test fails when stale.\n${stringify(
      asyncApiDocument(settings),
      { lineWidth: 0 },
    )}`,
  );
  files.set('sprint-plan.schema.json', `${JSON.stringify(sprintPlanJsonSchema(), null, 2)}\n`);
  for (const { type, version } of eventVersions()) {
    files.set(
      `events/${eventSchemaFile(type, version)}`,
      `${JSON.stringify(eventJsonSchema(type, version), null, 2)}\n`,
    );
  }
  return files;
}
