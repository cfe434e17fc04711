import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { benchDatabaseUrl, recreateBenchDatabase } from './bench-database.js';
import { relayPositionName, subscriptionLag } from '../src/event-store/positions.js';
import { appendToStream, type NewEvent } from '../src/event-store/event-store.js';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { createSprintLedger, type SprintCommandRunner } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';

/**
 * `npm run bench [-- --quick]`: sprint-ledger against the parts it stands on, measured in the
 * same run on the same machine. Every figure is printed beside its baseline and their ratio,
 * and the whole run is saved to bench/results/<date>.json.
 */
const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('../../', import.meta.url));
const databaseUrl = benchDatabaseUrl;
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const token = `bench-coordinator-${randomUUID()}`;
const seconds = quick ? 3 : 10;
const run = promisify(execFile);

interface Figure {
  readonly scenario: string;
  readonly measure: string;
  readonly value: number;
  readonly baseline: number | null;
  readonly baselineName: string;
  readonly unit: string;
}
const figures: Figure[] = [];

function record(figure: Figure): void {
  figures.push(figure);
  const ratio = figure.baseline ? (figure.value / figure.baseline).toFixed(2) : '-';
  console.log(
    `${figure.scenario.padEnd(44)} ${figure.measure.padEnd(10)} ${figure.value.toFixed(2).padStart(10)} ${figure.unit.padEnd(8)} | ${figure.baselineName.padEnd(28)} ${figure.baseline === null ? '-'.padStart(10) : figure.baseline.toFixed(2).padStart(10)} | ${ratio}x`,
  );
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** Runs `concurrency` loops of `call` for the bench's duration: operations/s and latencies. */
async function load(concurrency: number, call: (worker: number, n: number) => Promise<void>) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < until; n += 1) {
        const started = performance.now();
        await call(worker, n);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function ensureBroker(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  await run('bash', ['scripts/kafka.sh', 'start'], { cwd: root });
}

function startService(topic: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '20',
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      COORDINATOR_TOKEN: token,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RELAY_IDLE_POLL_MS: '50',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL on (http:\/\/\S+)\/graphql/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on('exit', () => {
      reject(new Error(`service exited: ${output}`));
    });
  });
}

async function peakRss(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid ?? 0}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { events?: { eventId: string }[] }>;
    errors?: unknown;
  };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data ?? {};
}

const logHours = `mutation ($input: LogHoursInput!) { logHours(input: $input) { events { eventId } userErrors { code } } }`;

async function planSprints(commands: SprintCommandRunner, count: number): Promise<string[]> {
  const text = await readFile(`${root}fixtures/sprint-4.yaml`, 'utf8');
  const principal = systemPrincipal('bench');
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const plan = { ...parseSprintPlan(text), key: `bench-${index}` };
    await commands.execute(plan.key, { kind: 'PlanSprint', plan }, { principal });
    await commands.execute(
      plan.key,
      { kind: 'StartTask', taskId: '1.1', agent: 'python-pro' },
      { principal },
    );
    ids.push(plan.key);
  }
  return ids;
}

async function main(): Promise<void> {
  console.log(
    `sprint-ledger bench${quick ? ' (quick)' : ''}: ${seconds} s per load, ${cpus().length} cores\n`,
  );
  await recreateBenchDatabase();
  await ensureBroker();
  const pool = new Pool({ connectionString: databaseUrl, max: 40 });
  const commands = createSprintLedger(pool, new Clock());
  const sprints = await planSprints(commands, 8);
  const topic = `bench-${Date.now()}`;
  const service = await startService(topic);
  await pool.query('CREATE TABLE raw_inserts (id bigserial PRIMARY KEY, stream text, data jsonb)');
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });

  console.log(
    `${'scenario'.padEnd(44)} ${'measure'.padEnd(10)} ${'value'.padStart(10)} ${'unit'.padEnd(8)} | ${'baseline'.padEnd(28)} ${'value'.padStart(10)} | ratio`,
  );
  for (const concurrency of [1, 8, 32]) {
    for (const spread of ['several sprints', 'one sprint'] as const) {
      if (concurrency === 1 && spread === 'one sprint') continue;
      const mutations = await load(concurrency, async (worker) => {
        const sprintId =
          spread === 'one sprint' ? 'bench-0' : (sprints[worker % sprints.length] ?? 'bench-0');
        await graphql(service.url, logHours, {
          input: { sprintId, taskId: '1.1', agent: 'python-pro', hours: 0.01 },
        });
      });
      const raw = await load(concurrency, async (worker) => {
        await pool.query('INSERT INTO raw_inserts (stream, data) VALUES ($1, $2)', [
          `s-${worker}`,
          '{"hours":0.01}',
        ]);
      });
      const name = `logHours x${concurrency}, ${spread}`;
      record({
        scenario: name,
        measure: 'ops/s',
        value: mutations.perSecond,
        baseline: raw.perSecond,
        baselineName: 'raw INSERT+COMMIT ops/s',
        unit: 'ops/s',
      });
      record({
        scenario: name,
        measure: 'p50',
        value: mutations.p50,
        baseline: raw.p50,
        baselineName: 'raw INSERT p50',
        unit: 'ms',
      });
      record({
        scenario: name,
        measure: 'p99',
        value: mutations.p99,
        baseline: raw.p99,
        baselineName: 'raw INSERT p99',
        unit: 'ms',
      });
    }
  }
  const rss = await peakRss(service.child.pid);
  record({
    scenario: 'service peak RSS under the mutation load',
    measure: 'RSS',
    value: rss,
    baseline: null,
    baselineName: '-',
    unit: 'MiB',
  });

  // Commit to Kafka: from the mutation's answer to a consumer holding the event.
  const arrivals = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const id = message.headers?.ce_id?.toString();
      if (id) arrivals.set(id, performance.now());
      return Promise.resolve();
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const relayLatencies: number[] = [];
  for (let n = 0; n < (quick ? 50 : 200); n += 1) {
    const data = await graphql(service.url, logHours, {
      input: { sprintId: 'bench-1', taskId: '1.1', agent: 'python-pro', hours: 0.01 },
    });
    const committed = performance.now();
    const id = data.logHours?.events?.[0]?.eventId ?? '';
    while (!arrivals.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
    relayLatencies.push((arrivals.get(id) ?? committed) - committed);
  }
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const rawLatencies: number[] = [];
  for (let n = 0; n < (quick ? 50 : 200); n += 1) {
    const id = randomUUID();
    const sent = performance.now();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'bench-raw', value: '{}', headers: { ce_id: id } }],
    });
    while (!arrivals.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
    rawLatencies.push((arrivals.get(id) ?? sent) - sent);
  }
  for (const p of [50, 99]) {
    record({
      scenario: 'commit to consumer',
      measure: `p${p}`,
      value: percentile(relayLatencies, p),
      baseline: percentile(rawLatencies, p),
      baselineName: `raw kafkajs send to consumer`,
      unit: 'ms',
    });
  }

  // Relay throughput: a backlog published by the relay against the same messages sent raw.
  const backlog = quick ? 5_000 : 50_000;
  const backlogTopic = `${topic}-backlog`;
  const events: NewEvent[] = Array.from({ length: 1000 }, (_, index) => ({
    type: 'HoursLogged',
    data: { taskId: '1.1', hours: 0.01, index },
  }));
  for (let version = 0; version < backlog; version += 1000)
    await appendToStream(pool, 'bench-backlog', version, events);
  // Timed from the moment the service serves (its relay starts a moment before: a small head start).
  const relay = await startService(backlogTopic);
  const relayStarted = performance.now();
  const position = relayPositionName(backlogTopic);
  while ((await subscriptionLag(pool, position)).events > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const allEvents = Number(
    (await pool.query<{ count: string }>('SELECT count(*) FROM events')).rows[0]?.count,
  );
  const relayRate = allEvents / ((performance.now() - relayStarted) / 1000);
  relay.child.kill('SIGTERM');
  const rawStarted = performance.now();
  const payload = JSON.stringify({
    type: 'HoursLogged',
    data: { taskId: '1.1', hours: 0.01 },
    metadata: {},
  });
  for (let sent = 0; sent < allEvents; sent += 500) {
    await producer.send({
      topic: backlogTopic,
      acks: -1,
      messages: Array.from({ length: Math.min(500, allEvents - sent) }, () => ({
        key: 'bench-backlog',
        value: payload,
      })),
    });
  }
  const rawRate = allEvents / ((performance.now() - rawStarted) / 1000);
  record({
    scenario: `relay publishing a backlog of ${allEvents} events`,
    measure: 'events/s',
    value: relayRate,
    baseline: rawRate,
    baselineName: 'raw kafkajs batches of 500',
    unit: 'ev/s',
  });
  await producer.disconnect();
  await consumer.disconnect();

  // Dashboard: a short history against a long one, and against the cheapest query there is.
  // History is written straight to the log: the dashboard reads the read models only, so its
  // cost must not depend on how long the log is.
  const shortHistory = 1_000;
  const longHistory = quick ? 20_000 : 1_000_000;
  const text = await readFile(`${root}fixtures/sprint-4.yaml`, 'utf8');
  const principal = systemPrincipal('bench');
  const history: NewEvent[] = Array.from({ length: 1000 }, () => ({
    type: 'HoursLogged',
    data: {
      taskId: '1.1',
      agent: 'python-pro',
      hours: 0.01,
      totalHours: 1,
      at: new Date().toISOString(),
    },
  }));
  for (const [key, length] of [
    ['dash-short', shortHistory],
    ['dash-long', longHistory],
  ] as const) {
    const planned = await commands.execute(
      key,
      { kind: 'PlanSprint', plan: { ...parseSprintPlan(text), key } },
      { principal },
    );
    let version = planned.version;
    while (version < length) {
      const batch = history.slice(0, Math.min(history.length, length - version));
      await appendToStream(pool, key, version, batch);
      version += batch.length;
    }
  }
  const dashboard =
    '{ dashboard(sprintId: $id) { overview { progressPercent } agents { nextTask { id } } criticalPath { totalHours } } }';
  const query =
    (text: string, variables: Record<string, unknown> = {}) =>
    async () => {
      await graphql(service.url, text, variables);
    };
  const short = await load(8, query(`query ($id: ID!) ${dashboard}`, { id: 'dash-short' }));
  const long = await load(8, query(`query ($id: ID!) ${dashboard}`, { id: 'dash-long' }));
  const trivial = await load(8, query('{ __typename }'));
  record({
    scenario: `dashboard, ${shortHistory} events in the stream`,
    measure: 'req/s',
    value: short.perSecond,
    baseline: trivial.perSecond,
    baselineName: '{ __typename } req/s',
    unit: 'req/s',
  });
  record({
    scenario: `dashboard, ${shortHistory} events in the stream`,
    measure: 'p99',
    value: short.p99,
    baseline: trivial.p99,
    baselineName: '{ __typename } p99',
    unit: 'ms',
  });
  record({
    scenario: `dashboard, ${longHistory} events in the stream`,
    measure: 'p99',
    value: long.p99,
    baseline: short.p99,
    baselineName: `dashboard, ${shortHistory} events p99`,
    unit: 'ms',
  });
  record({
    scenario: `dashboard, ${longHistory} events in the stream`,
    measure: 'p50',
    value: long.p50,
    baseline: short.p50,
    baselineName: `dashboard, ${shortHistory} events p50`,
    unit: 'ms',
  });

  service.child.kill('SIGTERM');
  const rebuildStarted = performance.now();
  const rebuilt = await rebuildReadModels(pool);
  const rebuildRate = rebuilt / ((performance.now() - rebuildStarted) / 1000);
  record({
    scenario: `projection rebuild of ${rebuilt} events`,
    measure: 'events/s',
    value: rebuildRate,
    baseline: relayRate,
    baselineName: 'relay events/s (this run)',
    unit: 'ev/s',
  });
  const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;
  await pool.end();

  await mkdir(`${root}bench/results`, { recursive: true });
  const date = new Date().toISOString();
  const file = `${root}bench/results/${date.slice(0, 10)}${quick ? '-quick' : ''}.json`;
  await writeFile(
    file,
    JSON.stringify(
      {
        date,
        quick,
        machine: {
          cores: cpus().length,
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          postgres,
          kafka: '3.9.1',
        },
        figures,
      },
      null,
      2,
    ),
  );
  console.log(`\nsaved ${file}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
