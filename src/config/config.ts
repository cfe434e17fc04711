import { z } from 'zod';

/** The only place that reads process.env: validated once at boot, then passed around as a value. */

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
      );
    } catch {
      return false;
    }
  },
  { message: 'must be a URL like postgres://user@host:5432/database' },
);

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
  )
  .refine((brokers) => brokers.length > 0 && brokers.every((broker) => hostPort.test(broker)), {
    message: 'must be a comma-separated list of host:port',
  });

const topicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1-249 characters of letters, digits, ".", "_" or "-"');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** 4 MiB: room for a plan of 10,000 tasks in one event. */
export const defaultMaxMessageBytes = 4 * 1024 * 1024;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: integer(0, 65535).default(3000),
    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/sprint_ledger'),
    DATABASE_POOL_SIZE: integer(1, 200).default(10),
    KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).default('sprint-ledger'),
    KAFKA_TOPIC: topicName.default('sprint-ledger.events'),
    KAFKA_TOPIC_PARTITIONS: integer(1, 1000).default(6),
    KAFKA_MAX_MESSAGE_BYTES: integer(65536, 100 * 1024 * 1024).default(defaultMaxMessageBytes),
    RELAY_ENABLED: flag.default(true),
    RELAY_BATCH_SIZE: integer(1, 10000).default(500),
    RELAY_IDLE_POLL_MS: integer(10, 60000).default(250),
    RELAY_MAX_BACKOFF_MS: integer(100, 600000).default(10000),
    REACTIONS_ENABLED: flag.default(true),
    REACTIONS_IDLE_POLL_MS: integer(10, 60000).default(500),
    TIMERS_ENABLED: flag.default(true),
    TIMERS_POLL_MS: integer(10, 60000).default(1000),
    GRAPHIQL: flag.optional(),
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((value, context) => {
        const origins = (value ?? '')
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean);
        for (const origin of origins) {
          if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
            context.addIssue({
              code: 'custom',
              message: `${origin} is not an origin: scheme://host[:port], or *`,
            });
          }
        }
        return origins;
      }),
    GRAPHQL_MAX_DEPTH: integer(2, 100).default(10),
    GRAPHQL_MAX_ALIASES: integer(0, 1000).default(20),
    GRAPHQL_MAX_COST: integer(10, 1_000_000).default(5000),
    GRAPHQL_MAX_TOKENS: integer(100, 100_000).default(2000),
    RATE_LIMIT_ENABLED: flag.default(true),
    RATE_LIMIT_CAPACITY: integer(10, 100_000_000).default(20_000),
    RATE_LIMIT_RESTORE_RATE: integer(1, 10_000_000).default(1000),
    WS_INIT_TIMEOUT_MS: integer(100, 600000).default(5000),
    WS_MAX_SUBSCRIPTIONS: integer(1, 1000).default(20),
    TOKEN_RECHECK_MS: integer(100, 60000).default(1000),
    INTROSPECTION: flag.optional(),
    COORDINATOR_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  })
  .refine((values) => values.RATE_LIMIT_CAPACITY >= values.GRAPHQL_MAX_COST, {
    message: 'must be at least GRAPHQL_MAX_COST: an operation of the largest cost allowed must fit',
    path: ['RATE_LIMIT_CAPACITY'],
  });

/** A per-token budget of query cost: a bucket of `capacity` points refilled at `restoreRate`/s. */
export interface CostLimits {
  readonly enabled: boolean;
  readonly capacity: number;
  readonly restoreRate: number;
}

export type Environment = Record<string, string | undefined>;

export class AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topic: string;
    readonly topicPartitions: number;
    /** The topic's max.message.bytes: no event is recorded that a message this size cannot carry. */
    readonly maxMessageBytes: number;
  };
  readonly relay: {
    readonly enabled: boolean;
    readonly batchSize: number;
    readonly idlePollMs: number;
    readonly maxBackoffMs: number;
  };
  /** The EventBus fed from the log: where reactions to what was recorded run. */
  readonly reactions: {
    readonly enabled: boolean;
    readonly idlePollMs: number;
  };
  /** The sprint clocks: how often the timer looks for leases, blockers and checkpoints due. */
  readonly timers: {
    readonly enabled: boolean;
    readonly pollMs: number;
  };
  readonly graphiql: boolean;
  /** Origins a browser may call the API from (`*` for any); none, the default, turns CORS off. */
  readonly corsOrigins: readonly string[];
  readonly introspection: boolean;
  readonly queryLimits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
    /** Lexical tokens a document may have; past it parsing stops, before a tree is built. */
    readonly maxTokens: number;
  };
  /** The per-token budget of query cost (a leaky bucket, as Shopify meters its API). */
  readonly rateLimit: CostLimits;
  readonly websockets: {
    /** A socket that has not sent connection_init by then is closed (4408). */
    readonly initTimeoutMs: number;
    readonly maxSubscriptions: number;
    /** How often the tokens behind open sockets are checked for revocation. */
    readonly tokenRecheckMs: number;
  };
  /** A token that is made a coordinator's at boot: how the first coordinator gets in. */
  readonly coordinatorToken: string | null;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** JSON lines (pino for requests, Nest's JSON for the rest), or colour for a terminal. */
  readonly logFormat: 'json' | 'pretty';

  constructor(values: z.output<typeof schema>) {
    this.env = values.NODE_ENV;
    this.host = values.HOST;
    this.port = values.PORT;
    this.databaseUrl = values.DATABASE_URL;
    this.databasePoolSize = values.DATABASE_POOL_SIZE;
    this.kafka = {
      brokers: values.KAFKA_BROKERS,
      clientId: values.KAFKA_CLIENT_ID,
      topic: values.KAFKA_TOPIC,
      topicPartitions: values.KAFKA_TOPIC_PARTITIONS,
      maxMessageBytes: values.KAFKA_MAX_MESSAGE_BYTES,
    };
    this.relay = {
      enabled: values.RELAY_ENABLED,
      batchSize: values.RELAY_BATCH_SIZE,
      idlePollMs: values.RELAY_IDLE_POLL_MS,
      maxBackoffMs: values.RELAY_MAX_BACKOFF_MS,
    };
    this.reactions = {
      enabled: values.REACTIONS_ENABLED,
      idlePollMs: values.REACTIONS_IDLE_POLL_MS,
    };
    this.timers = { enabled: values.TIMERS_ENABLED, pollMs: values.TIMERS_POLL_MS };
    this.graphiql = values.GRAPHIQL ?? values.NODE_ENV !== 'production';
    this.corsOrigins = values.CORS_ORIGINS;
    this.introspection = values.INTROSPECTION ?? values.NODE_ENV !== 'production';
    this.queryLimits = {
      maxDepth: values.GRAPHQL_MAX_DEPTH,
      maxAliases: values.GRAPHQL_MAX_ALIASES,
      maxCost: values.GRAPHQL_MAX_COST,
      maxTokens: values.GRAPHQL_MAX_TOKENS,
    };
    this.rateLimit = {
      enabled: values.RATE_LIMIT_ENABLED,
      capacity: values.RATE_LIMIT_CAPACITY,
      restoreRate: values.RATE_LIMIT_RESTORE_RATE,
    };
    this.websockets = {
      initTimeoutMs: values.WS_INIT_TIMEOUT_MS,
      maxSubscriptions: values.WS_MAX_SUBSCRIPTIONS,
      tokenRecheckMs: values.TOKEN_RECHECK_MS,
    };
    this.coordinatorToken = values.COORDINATOR_TOKEN ?? null;
    this.logLevel = values.LOG_LEVEL;
    this.logFormat = values.LOG_FORMAT ?? (values.NODE_ENV === 'production' ? 'json' : 'pretty');
  }
}

/** Thrown with every bad variable at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Environment): AppConfig {
  // An empty variable means "not set": `PORT= npm start` should use the default, not fail.
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = present[name];
        const shown =
          value === undefined || /URL|PASSWORD|TOKEN/.test(name) ? '' : ` (got "${value}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  return new AppConfig(parsed.data);
}
