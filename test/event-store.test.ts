import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../src/common/errors.js';
import { inTransaction } from '../src/database/database.module.js';
import {
  appendToStream,
  positionOf,
  logStart,
  readAllAfter,
  readStream,
  type NewEvent,
} from '../src/event-store/event-store.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { uniqueName } from './support/environment.js';

const taskStarted = (task: string): NewEvent => ({
  type: 'TaskStarted',
  data: { taskId: task },
  metadata: { actor: 'devops-engineer', actorKind: 'AGENT' },
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to be rejected');
}

describe('event store on PostgreSQL', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('appends at the expected version and reads the stream back in order', async () => {
    const stream = uniqueName('sprint');
    const first = await appendToStream(db.pool, stream, 0, [
      taskStarted('1.1'),
      taskStarted('1.2'),
    ]);
    const second = await appendToStream(db.pool, stream, 2, [taskStarted('2.1')]);

    assert.deepEqual(
      [...first, ...second].map((event) => event.streamVersion),
      [1, 2, 3],
    );
    const stored = await readStream(db.pool, stream);
    assert.deepEqual(
      stored.map((event) => [event.streamVersion, event.data.taskId, event.metadata.actor]),
      [
        [1, '1.1', 'devops-engineer'],
        [2, '1.2', 'devops-engineer'],
        [3, '2.1', 'devops-engineer'],
      ],
    );
    assert.equal(new Set(stored.map((event) => event.eventId)).size, 3);
    assert.deepEqual(
      (await readStream(db.pool, stream, 2)).map((event) => event.streamVersion),
      [3],
    );
  });

  it('refuses a wrong expected version with VERSION_CONFLICT and writes nothing', async () => {
    const stream = uniqueName('sprint');
    await appendToStream(db.pool, stream, 0, [taskStarted('1.1')]);
    const before = await countEvents(db.pool);

    const behind = await rejection(appendToStream(db.pool, stream, 0, [taskStarted('1.2')]));
    const ahead = await rejection(appendToStream(db.pool, stream, 5, [taskStarted('1.2')]));

    assert.equal(behind.code, 'VERSION_CONFLICT');
    assert.equal(behind.field, 'expectedVersion');
    assert.deepEqual(behind.details, { streamId: stream, expectedVersion: 0, actualVersion: 1 });
    assert.equal(ahead.code, 'VERSION_CONFLICT');
    assert.equal(await countEvents(db.pool), before);
  });

  it('lets exactly one of many concurrent appends at the same version win', async () => {
    const stream = uniqueName('sprint');
    await appendToStream(db.pool, stream, 0, [taskStarted('1.1')]);
    const racers = Array.from({ length: 12 }, (_, index) =>
      appendToStream(db.pool, stream, 1, [taskStarted(`racer-${index}`), taskStarted('x')]),
    );

    const outcomes = await Promise.allSettled(racers);

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as AppError] : [],
    );
    assert.equal(won.length, 1);
    assert.ok(
      lost.every((error) => error instanceof AppError && error.code === 'VERSION_CONFLICT'),
    );
    assert.deepEqual(
      (await readStream(db.pool, stream)).map((event) => event.streamVersion),
      [1, 2, 3],
    );
  });

  it('refuses an append that is not the first write of its transaction', async () => {
    const stream = uniqueName('sprint');
    const refused = inTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO subscription_positions VALUES ('early-write', '1', 1)`);
      await appendToStream(client, stream, 0, [taskStarted('1.1')]);
    });

    await assert.rejects(refused, /first write of its transaction/);
    assert.deepEqual(await readStream(db.pool, stream), []);
  });

  it('never skips an event whose transaction commits after a later one', async () => {
    const stream1 = uniqueName('sprint');
    const stream2 = uniqueName('sprint');
    const lastSoFar = (await readAllAfter(db.pool, logStart, 10000)).at(-1);
    const position = lastSoFar ? positionOf(lastSoFar) : logStart;

    const t1 = await db.pool.connect();
    const t2 = await db.pool.connect();
    try {
      await t1.query('BEGIN');
      const [early] = await appendToStream(t1, stream1, 0, [taskStarted('early')]);
      await t2.query('BEGIN');
      const [late] = await appendToStream(t2, stream2, 0, [taskStarted('late')]);
      await t2.query('COMMIT');
      assert.ok(early && late && early.position < late.position);

      // A reader going by position alone would take T2's event now and move past T1's position.
      const byPosition = await db.pool.query<{ position: string }>(
        'SELECT position FROM events WHERE position > $1 ORDER BY position',
        [position.position],
      );
      assert.deepEqual(
        byPosition.rows.map((row) => Number(row.position)),
        [late.position],
      );
      // This reader waits while T1 is open ...
      assert.deepEqual(await readAllAfter(db.pool, position, 100), []);

      await t1.query('COMMIT');

      // ... and then reads both, T1's first.
      const read = await readAllAfter(db.pool, position, 100);
      assert.deepEqual(
        read.map((event) => event.eventId),
        [early.eventId, late.eventId],
      );
    } finally {
      t1.release();
      t2.release();
    }
  });
});
