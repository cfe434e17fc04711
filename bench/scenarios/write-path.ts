import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import {
  logHoursMutation,
  logHoursOf,
  type GraphqlClient,
  type LogHoursAnswer,
} from '../support/client.js';
import { load, percentile, pooled, record } from '../support/report.js';

export interface WritePathContext {
  readonly seconds: number;
  readonly service: GraphqlClient;
  readonly ceiling: GraphqlClient;
  readonly pool: Pool;
  /** Sprints planned with task 1.1 started, for logHours. */
  readonly sprints: readonly string[];
  /** When each event id was answered to its client: for commit-to-Kafka latency. */
  readonly answered: Map<string, number>;
}

const shapes = [
  { clients: 1, spread: 8, goal: '>= 0.5' },
  { clients: 32, spread: 8, goal: '>= 0.5' },
  { clients: 32, spread: 1, goal: '>= 0.25' },
] as const;

/**
 * `logHours` over HTTP against the same mutation on bare Fastify + Mercurius doing one INSERT,
 * and that against a raw INSERT+COMMIT: the same client, the same shapes, the same run.
 */
export async function writePath(context: WritePathContext): Promise<void> {
  const { seconds, service, ceiling, pool, sprints, answered } = context;
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_inserts (id bigserial PRIMARY KEY, stream text, data jsonb)',
  );
  for (const shape of shapes) {
    const sprintOf = (worker: number) => sprints[worker % shape.spread] ?? 'bench-0';
    const oursOnce = () =>
      load(seconds / 2, shape.clients, async (worker) => {
        const data = await service<LogHoursAnswer>(logHoursMutation, logHoursOf(sprintOf(worker)));
        const at = performance.now();
        for (const event of data.logHours.events) answered.set(event.eventId, at);
        if (data.logHours.userErrors.length) throw new Error(JSON.stringify(data.logHours));
      });
    const stackOnce = () =>
      load(seconds / 2, shape.clients, async (worker) => {
        await ceiling(logHoursMutation, logHoursOf(sprintOf(worker)));
      });
    // A, B, A, B: a drift of the shared machine falls on both sides alike.
    const runs = [await oursOnce(), await stackOnce(), await oursOnce(), await stackOnce()];
    const ours = pooled([runs[0], runs[2]].flatMap((run) => (run ? [run] : [])));
    const stack = pooled([runs[1], runs[3]].flatMap((run) => (run ? [run] : [])));
    const raw = await load(seconds, shape.clients, async (worker) => {
      await pool.query('INSERT INTO raw_inserts (stream, data) VALUES ($1, $2)', [
        sprintOf(worker),
        '{"hours":0.01}',
      ]);
    });
    const name = `logHours x${shape.clients}, ${shape.spread === 1 ? 'one sprint' : `${shape.spread} sprints`}`;
    const ceilingName = 'Fastify+Mercurius one INSERT';
    record({
      scenario: name,
      measure: 'ops/s',
      value: ours.perSecond,
      unit: 'ops/s',
      baseline: stack.perSecond,
      baselineName: ceilingName,
      goal: shape.goal,
    });
    record({
      scenario: name,
      measure: 'p50',
      value: ours.p50,
      unit: 'ms',
      baseline: stack.p50,
      baselineName: ceilingName,
    });
    record({
      scenario: name,
      measure: 'p99',
      value: ours.p99,
      unit: 'ms',
      baseline: stack.p99,
      baselineName: ceilingName,
    });
    record({
      scenario: `${ceilingName} x${shape.clients}`,
      measure: 'ops/s',
      value: stack.perSecond,
      unit: 'ops/s',
      baseline: raw.perSecond,
      baselineName: 'raw INSERT+COMMIT (pg)',
    });
  }
}

/** From the answer to a consumer holding the event, for the events the loads recorded. */
export function commitToKafka(
  answered: ReadonlyMap<string, number>,
  arrived: ReadonlyMap<string, number>,
  raw: readonly number[],
): void {
  const latencies = [...answered]
    .map(([id, at]) => (arrived.get(id) ?? Number.NaN) - at)
    .filter((latency) => !Number.isNaN(latency));
  const missing = answered.size - latencies.length;
  for (const p of [50, 99]) {
    record({
      scenario: `commit to consumer, under the loads${missing ? ` (${missing} missing)` : ''}`,
      measure: `p${p}`,
      value: percentile(latencies, p),
      unit: 'ms',
      baseline: percentile(raw, p),
      baselineName: 'raw kafkajs send to consumer',
      goal: p === 99 ? '<= 50 ms' : undefined,
    });
  }
}
