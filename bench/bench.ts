import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { createSprintLedger, type SprintCommandRunner } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan, type SprintPlan } from '../src/sprints/plan/plan-document.js';
import { benchDatabaseUrl, recreateBenchDatabase } from './bench-database.js';
import { bigPlanScenario } from './scenarios/big-plan.js';
import { growth } from './scenarios/growth.js';
import { heartbeatScenario } from './scenarios/heartbeats.js';
import { createTopic, relayBacklog } from './scenarios/relay.js';
import { commitToKafka, writePath } from './scenarios/write-path.js';
import { graphqlClient } from './support/client.js';
import { ensureBroker, memoryOf, startCeiling, startService, stop } from './support/processes.js';
import { printHeader, record, saveRun } from './support/report.js';

/**
 * `npm run bench [-- --quick]`: sprint-ledger against the parts it stands on, measured in the
 * same run on the same machine: each figure beside its baseline, their ratio and the issue's
 * goal for it. The run is saved to bench/results/<date>[-quick].json.
 */
const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../../', import.meta.url));
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const token = `bench-coordinator-${randomUUID()}`;
const sizes = quick
  ? { seconds: 3, records: 1_000, events: 20_000, rounds: 100, backlog: 5_000, reads: 5 }
  : { seconds: 10, records: 10_000, events: 1_000_000, rounds: 300, backlog: 50_000, reads: 20 };
const actor = { principal: systemPrincipal('bench') };

async function planSprints(ledger: SprintCommandRunner, plan: SprintPlan, count: number) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const key = `bench-${index}`;
    await ledger.execute(key, { kind: 'PlanSprint', plan: { ...plan, key } }, actor);
    await ledger.execute(key, { kind: 'StartTask', taskId: '1.1', agent: 'python-pro' }, actor);
    ids.push(key);
  }
  return ids;
}

/** A consumer of the service's topic noting when each event arrives, by event id. */
async function arrivals(kafka: Kafka, topic: string) {
  const arrived = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const id = message.headers?.ce_id?.toString();
      if (id) arrived.set(id, performance.now());
      return Promise.resolve();
    },
  });
  return { arrived, consumer };
}

/** A bare producer's send to the same consumer: the floor under commit-to-consumer latency. */
async function rawSendLatencies(kafka: Kafka, topic: string, arrived: Map<string, number>) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const latencies: number[] = [];
  for (let n = 0; n < (quick ? 50 : 200); n += 1) {
    const id = randomUUID();
    const sent = performance.now();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'raw', value: '{}', headers: { ce_id: id } }],
    });
    while (!arrived.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
    latencies.push((arrived.get(id) ?? sent) - sent);
  }
  await producer.disconnect();
  return latencies;
}

async function settle(answered: ReadonlyMap<string, number>, arrived: ReadonlyMap<string, number>) {
  const until = performance.now() + 30_000;
  while ([...answered.keys()].some((id) => !arrived.has(id)) && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  console.log(`sprint-ledger bench${quick ? ' (quick)' : ''}: ${cpus().length} cores\n`);
  await recreateBenchDatabase();
  await ensureBroker(root);
  const pool = new Pool({ connectionString: benchDatabaseUrl, max: 40 });
  const ledger = createSprintLedger(pool, new Clock());
  const text = await readFile(`${root}fixtures/sprint-4.yaml`, 'utf8');
  const plan = parseSprintPlan(text);
  const sprints = await planSprints(ledger, plan, 8);
  const topic = `bench-${Date.now()}`;
  const options = { databaseUrl: benchDatabaseUrl, brokers, topic, token };
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  await createTopic(kafka, topic);
  const ceilingServed = await startCeiling(root, benchDatabaseUrl);
  const served = await startService(root, options);
  const { arrived, consumer } = await arrivals(kafka, topic);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  printHeader();

  const idleCeiling = await memoryOf(ceilingServed.child.pid, 'VmRSS');
  const idleService = await memoryOf(served.child.pid, 'VmRSS');
  record({
    scenario: 'service RSS, idle',
    measure: 'RSS',
    value: idleService,
    unit: 'MiB',
    baseline: idleCeiling,
    baselineName: 'Fastify+Mercurius idle RSS',
  });
  const raw = await rawSendLatencies(kafka, topic, arrived);
  const service = graphqlClient(served.url, token);
  const answered = new Map<string, number>();
  await writePath({
    seconds: sizes.seconds,
    service,
    ceiling: graphqlClient(ceilingServed.url, token),
    pool,
    sprints,
    answered,
  });
  const peak = await memoryOf(served.child.pid, 'VmHWM');
  record({
    scenario: 'service peak RSS under the loads',
    measure: 'RSS',
    value: peak,
    unit: 'MiB',
    baseline: idleCeiling,
    baselineName: 'Fastify+Mercurius idle RSS',
    goal: '<= 1.5',
  });
  await settle(answered, arrived);
  commitToKafka(answered, arrived, raw);
  await consumer.disconnect();
  await stop(ceilingServed);

  await relayBacklog(root, pool, kafka, options, sizes.backlog);
  await bigPlanScenario(service, served, token, sizes.reads);
  // Longer than the 30 s lease, so the window holds each agent's renewals (one every 20 s).
  await heartbeatScenario({ service, served, pool, seconds: quick ? 40 : 60 });
  await growth({
    pool,
    ledger,
    service,
    plan,
    topic,
    records: sizes.records,
    events: sizes.events,
    rounds: sizes.rounds,
  });

  await stop(served);
  const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;
  await pool.end();
  const file = await saveRun(root, quick, { node: process.version, postgres, kafka: '3.9.1' });
  console.log(`\nsaved ${file}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
