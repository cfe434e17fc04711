import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { readStream } from '../src/event-store/event-store.js';
import { sprintProjection } from '../src/read-models/sprint-projection.js';
import { createSprintLedger, type SprintCommandRunner } from '../src/sprint-ledger.factory.js';
import { loadSprint, snapshotEvery, snapshotInterval } from '../src/sprints/ledger/snapshots.js';
import type { InlineProjection } from '../src/sprints/ledger/sprint-domain.js';
import { SprintLedger } from '../src/sprints/ledger/sprint-ledger.js';
import { sprintDomain } from '../src/sprints/sprint-domain.js';
import { fold } from '../src/sprints/sprint.js';
import { toSprintEvent, sprintLog } from '../src/sprints/sprint-events.js';
import { aSprintPlan } from './builders/sprint-plan.builder.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const actor = { principal: systemPrincipal('test') };
const message = (index: number) =>
  ({
    kind: 'LogCommunication',
    from: 'dev',
    subject: `note ${index}`,
    body: 'an ordinary message',
    type: 'NOTIFICATION',
  }) as const;

/** The sprint as its whole log gives it, read without snapshot or cache. */
async function fromTheLog(db: TestDatabase, sprintId: string) {
  const events = await readStream(db.pool, sprintId, 0, sprintLog);
  return { state: fold(null, events.map(toSprintEvent)), version: events.length };
}

describe('the ledger’s cached states and periodic snapshots', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db.drop();
  });

  it('sees what another instance recorded, each starting from its cached state', async () => {
    const [first, second] = [
      createSprintLedger(db.pool, new Clock()),
      createSprintLedger(db.pool, new Clock()),
    ];
    await first.execute('two', { kind: 'PlanSprint', plan: aSprintPlan({ key: 'two' }) }, actor);
    for (let index = 0; index < 10; index += 1) {
      const ledger = index % 2 ? first : second;
      const result = await ledger.execute('two', message(index), actor);
      assert.equal(Object.keys(result.state.communications).length, index + 1);
    }
    const last = await first.execute('two', message(10), actor);
    assert.deepEqual({ state: last.state, version: last.version }, await fromTheLog(db, 'two'));
  });

  it('never applies a rule to a cached state another instance has moved on', async () => {
    const [first, second] = [
      createSprintLedger(db.pool, new Clock()),
      createSprintLedger(db.pool, new Clock()),
    ];
    const plan = aSprintPlan({ key: 'moved' });
    await first.execute('moved', { kind: 'PlanSprint', plan }, actor);
    await first.execute('moved', message(0), actor);
    // The second instance starts and completes 1.1: the first one's cached state still has it open.
    await second.execute('moved', { kind: 'StartTask', taskId: '1.1', agent: 'dev' }, actor);
    const done = await second.execute('moved', { kind: 'CompleteTask', taskId: '1.1' }, actor);
    // 1.2 waits for 1.1: on its cached state the first instance would refuse it.
    const started = await first.execute(
      'moved',
      { kind: 'StartTask', taskId: '1.2', agent: 'dev' },
      actor,
    );
    assert.equal(started.state.tasks['1.2']?.status, 'IN_PROGRESS');
    assert.ok(started.version > done.version, 'recorded on top of the other instance’s events');
    // A refusal that holds on the current state is still a refusal, with the current version.
    await assert.rejects(
      first.execute('moved', { kind: 'CompleteTask', taskId: '2.1' }, actor),
      (error: Error & { code?: string }) => error.code === 'INVALID_TRANSITION',
    );
    // The version a client read is checked against the stream, not against the cache.
    const current = await second.execute('moved', message(1), actor);
    const onTop = await first.execute('moved', message(2), {
      ...actor,
      expectedVersion: current.version,
    });
    assert.equal(onTop.version, current.version + 1);
    await assert.rejects(
      first.execute('moved', message(4), { ...actor, expectedVersion: started.version }),
      (error: Error & { code?: string }) => error.code === 'VERSION_CONFLICT',
    );
    assert.deepEqual(
      { state: (await first.execute('moved', message(3), actor)).state },
      { state: (await fromTheLog(db, 'moved')).state },
    );
  });

  it('commits the commands queued on one sprint together, each with its own answer', async () => {
    const ledger = createSprintLedger(db.pool, new Clock());
    await ledger.execute(
      'grouped',
      { kind: 'PlanSprint', plan: aSprintPlan({ key: 'grouped' }) },
      actor,
    );
    const started = await ledger.execute(
      'grouped',
      { kind: 'StartTask', taskId: '1.1', agent: 'dev' },
      actor,
    );
    const commands = [
      ...Array.from(
        { length: 20 },
        () => ({ kind: 'LogHours', taskId: '1.1', agent: 'dev', hours: 0.25 }) as const,
      ),
      { kind: 'CompleteTask', taskId: '2.1' } as const, // not started: refused
      ...Array.from({ length: 10 }, (_, index) => message(index)),
    ];
    const settled = await Promise.allSettled(
      commands.map((command) => ledger.execute('grouped', command, actor)),
    );
    const refused = settled.filter((outcome) => outcome.status === 'rejected');
    assert.deepEqual(
      refused.map((outcome) => (outcome.reason as { code?: string }).code),
      ['INVALID_TRANSITION'],
    );
    const results = settled.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    assert.equal(results.length, 30);
    const versions = results.flatMap((result) => result.events.map((ref) => ref.streamVersion));
    assert.equal(new Set(versions).size, versions.length, 'every event its own version');
    for (const result of results) {
      assert.equal(result.version, result.events.at(-1)?.streamVersion, 'the version after it');
      assert.ok(result.events.length > 0 && !result.replayed);
    }
    const log = await fromTheLog(db, 'grouped');
    assert.equal(
      log.version,
      started.version + versions.length,
      'the log holds what was answered, no more',
    );
    assert.equal(log.state.tasks['1.1']?.actualHours, 5);
    const transactions = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT transaction_id)::int AS n FROM events WHERE stream_id = 'grouped'`,
    );
    assert.ok((transactions.rows[0]?.n ?? 0) < 2 + 30, 'queued commands share transactions');
    const last = results.reduce((a, b) => (a.version > b.version ? a : b));
    assert.deepEqual(last.state, log.state);
  });

  it('sends a sprint of 1,000 messages the same four statements per command as a fresh one', async () => {
    const pool = new Pool({ connectionString: db.url, max: 2 });
    let statements = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      Object.assign(client, {
        query: (...args: unknown[]) => {
          statements += 1;
          return query(...args);
        },
      });
    });
    try {
      const ledger = createSprintLedger(pool, new Clock());
      const perCommand: number[] = [];
      for (const [key, messages] of [
        ['counted-fresh', 0],
        ['counted-grown', 1000],
      ] as const) {
        await ledger.execute(key, { kind: 'PlanSprint', plan: aSprintPlan({ key }) }, actor);
        for (let index = 0; index < messages; index += 1) {
          await ledger.execute(key, message(index), actor);
        }
        await ledger.execute(key, message(-1), actor);
        statements = 0;
        await ledger.execute(key, message(-2), actor);
        perCommand.push(statements);
      }
      assert.deepEqual(perCommand, [4, 4], 'BEGIN + lock, append, read models, COMMIT');
    } finally {
      await pool.end();
    }
  });

  it('writes a big state less often, so a snapshot costs each command the same', () => {
    assert.equal(snapshotInterval(15_000), snapshotEvery, 'a small sprint: every 100 events');
    const big = snapshotInterval(2_600_000); // 10,000 messages
    assert.ok(big > 10 * snapshotEvery);
    // Snapshot bytes per event between two snapshots: bounded, whatever the state's size.
    for (const bytes of [300_000, 2_600_000, 26_000_000]) {
      assert.ok(bytes / snapshotInterval(bytes) <= 2048);
    }
  });

  it('keeps no trace of a command whose transaction rolled back', async () => {
    let failing = false;
    const flaky: InlineProjection = {
      project: async (client, change) => {
        await sprintProjection.project(client, change);
        if (failing) throw new Error('the projection failed');
      },
    };
    const ledger: SprintCommandRunner = new SprintLedger(db.pool, new Clock(), sprintDomain, [
      flaky,
    ]);
    await ledger.execute(
      'rolled',
      { kind: 'PlanSprint', plan: aSprintPlan({ key: 'rolled' }) },
      actor,
    );
    await ledger.execute('rolled', message(1), actor);
    failing = true;
    await assert.rejects(ledger.execute('rolled', message(2), actor), /the projection failed/);
    failing = false;
    const next = await ledger.execute('rolled', message(3), actor);
    assert.deepEqual(
      Object.values(next.state.communications).map((communication) => communication.subject),
      ['note 1', 'note 3'],
    );
    assert.deepEqual({ state: next.state, version: next.version }, await fromTheLog(db, 'rolled'));
  });

  it(`writes the snapshot every ${snapshotEvery} events, and loads the same state from it`, async () => {
    const ledger = createSprintLedger(db.pool, new Clock());
    await ledger.execute('long', { kind: 'PlanSprint', plan: aSprintPlan({ key: 'long' }) }, actor);
    const versions: number[] = [];
    for (let index = 0; index < snapshotEvery + 20; index += 1) {
      await ledger.execute('long', message(index), actor);
      const row = await db.pool.query<{ version: number }>(
        'SELECT version FROM sprint_snapshots WHERE sprint_id = $1',
        ['long'],
      );
      versions.push(row.rows[0]?.version ?? 0);
    }
    assert.equal(versions[0], 1, 'a planned sprint has its snapshot at once');
    assert.ok(
      versions.every((version, index) => index + 2 - version < snapshotEvery),
      'never more than snapshotEvery events behind',
    );
    assert.ok(
      versions.some((version) => version > 1),
      'and written again as the stream grows',
    );
    const loaded = await loadSprint(db.pool, 'long', sprintDomain);
    assert.deepEqual(
      { state: loaded.state, version: loaded.version },
      await fromTheLog(db, 'long'),
    );
  });
});
