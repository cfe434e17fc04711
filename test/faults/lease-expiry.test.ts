import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/access/principal.js';
import type { Clock } from '../../src/common/clock.js';
import { createSprintLedger } from '../../src/sprint-ledger.factory.js';
import { aSprintPlan } from '../builders/sprint-plan.builder.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testEnvironment } from '../support/environment.js';
import { waitFor } from '../support/relay.js';
import { startService, type RunningService } from '../support/service.js';

const sprints = 150;
const leasesPerSprint = 2;

/**
 * The instance running the timer is killed -9 while leases are expiring; two take over, and one
 * of them is killed too. Every lease ran out an hour ago (claimed through a ledger whose
 * clock stands an hour back), so nothing waits for time to pass.
 */
describe('timers: the leader killed -9 while leases expire', () => {
  let db: TestDatabase;
  const services: RunningService[] = [];

  before(async () => {
    db = await createTestDatabase();
    const anHourAgo: Clock = { now: () => new Date(Date.now() - 3_600_000) };
    const ledger = createSprintLedger(db.pool, anHourAgo);
    const principal = systemPrincipal('test');
    for (let index = 0; index < sprints; index += 1) {
      const sprintId = `leases-${index}`;
      await ledger.execute(
        sprintId,
        { kind: 'PlanSprint', plan: aSprintPlan({ key: sprintId }) },
        { principal },
      );
      for (const [taskId, agent] of [
        ['1.1', 'dev'],
        ['2.1', 'qa'],
      ] as const) {
        await ledger.execute(sprintId, { kind: 'ClaimTask', taskId, agent }, { principal });
      }
    }
  });
  after(async () => {
    for (const service of services) await service.stop('SIGKILL');
    await db.drop();
  });

  const expiries = async () =>
    Number(
      (
        await db.pool.query<{ count: string }>(
          `SELECT count(*) FROM events WHERE type = 'TaskLeaseExpired'`,
        )
      ).rows[0]?.count,
    );
  const start = async () => {
    const service = await startService(
      testEnvironment(db.url, {
        RELAY_ENABLED: 'false',
        REACTIONS_ENABLED: 'false',
        TIMERS_POLL_MS: '20',
      }),
    );
    services.push(service);
    return service;
  };

  it('records each expiry exactly once, as SYSTEM, and leaves nothing due', async () => {
    const total = sprints * leasesPerSprint;
    // The leader, alone: killed as soon as it has recorded its first expiries.
    const leader = await start();
    await waitFor(async () => (await expiries()) > 0, 'the first expiries', 60_000, 5);
    await leader.stop('SIGKILL');
    const afterFirst = await expiries();
    assert.ok(afterFirst < total, `killed while expiring (${afterFirst} of ${total} done)`);
    // Two take over; one of them is killed in its turn while they go on.
    const [second] = await Promise.all([start(), start()]);
    await waitFor(
      async () => (await expiries()) > afterFirst,
      'expiries after the kill',
      60_000,
      5,
    );
    await second.stop('SIGKILL');
    await waitFor(async () => (await expiries()) === total, `all ${total} expiries`, 60_000);

    const perTask = await db.pool.query<{
      stream_id: string;
      task: string;
      count: string;
      kinds: string[];
    }>(
      `SELECT stream_id, data->>'taskId' AS task, count(*) AS count,
              array_agg(DISTINCT metadata->>'actorKind') AS kinds
       FROM events WHERE type = 'TaskLeaseExpired' GROUP BY 1, 2`,
    );
    assert.equal(perTask.rows.length, total);
    assert.deepEqual(
      perTask.rows.filter((row) => row.count !== '1'),
      [],
      'no expiry recorded twice',
    );
    assert.deepEqual([...new Set(perTask.rows.flatMap((row) => row.kinds))], ['SYSTEM']);
    const due = await db.pool.query(
      `SELECT sprint_id FROM sprint_overview WHERE next_deadline <= now()`,
    );
    assert.deepEqual(due.rows, []);
  });
});
