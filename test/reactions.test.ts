import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventBus, ofType } from '@nestjs/cqrs';
import { firstValueFrom, filter, take, toArray, timeout } from 'rxjs';
import { readStream } from '../src/event-store/event-store.js';
import { loadPosition } from '../src/event-store/positions.js';
import {
  EventRecorded,
  LogReactions,
  reactionsPositionName,
} from '../src/reactions/log-reactions.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

/** The next `count` events of a sprint the EventBus carries, within 20 s. */
function recorded(app: TestApp, sprintId: string, count: number): Promise<EventRecorded[]> {
  return firstValueFrom(
    app.app.get(EventBus).pipe(
      ofType(EventRecorded),
      filter((recorded) => recorded.event.streamId === sprintId),
      take(count),
      toArray(),
      timeout(20000),
    ),
  );
}

describe('reactions: the EventBus fed from the durable log', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db.drop();
  });

  it('publishes every recorded event in log order, and a restart resumes after the last', async () => {
    const config = testConfig(db.url, { RELAY_ENABLED: 'false', REACTIONS_IDLE_POLL_MS: '20' });
    const quiet = testConfig(db.url, { RELAY_ENABLED: 'false', REACTIONS_ENABLED: 'false' });
    const first = await startTestApp(config);
    const planned = recorded(first, 'sprint-4', 1);
    await first.importDemoSprint();
    const [sprintPlanned] = await planned;
    const stored = await readStream(db.pool, 'sprint-4');
    assert.equal(sprintPlanned?.event.eventId, stored[0]?.eventId);
    assert.equal(sprintPlanned?.event.type, 'SprintPlanned');
    await first.close();

    // Recorded while no instance reacts: published by the next one, once, after what was.
    const offline = await startTestApp(quiet);
    const ready = await offline.mutate('declareAgentReady', {
      sprintId: 'sprint-4',
      agent: 'qa-engineer',
    });
    assert.deepEqual(ready.userErrors, []);
    await offline.close();

    const second = await startTestApp(quiet);
    try {
      const resumed = recorded(second, 'sprint-4', 1);
      assert.ok((await second.app.get(LogReactions).publishNext()) > 0);
      const [next] = await resumed;
      assert.equal(next?.event.type, 'AgentDeclaredReady');
      assert.equal(next.event.eventId, ready.events[0]?.eventId);
      const position = await loadPosition(db.pool, reactionsPositionName);
      assert.ok(position.position >= next.event.position, 'the position was saved past it');
    } finally {
      await second.close();
    }
  });

  it('lets one instance publish a batch at a time', async () => {
    const config = testConfig(db.url, {
      RELAY_ENABLED: 'false',
      REACTIONS_ENABLED: 'false',
    });
    const app = await startTestApp(config);
    try {
      const reactions = app.app.get(LogReactions);
      await app.mutate('declareAgentReady', { sprintId: 'sprint-4', agent: 'python-pro' });
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `positions:${reactionsPositionName}`,
        ]);
        assert.equal(await reactions.publishNext(), 0, 'another instance holds the turn');
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      assert.ok((await reactions.publishNext()) > 0, 'its turn, once the lock is free');
      assert.equal(await reactions.publishNext(), 0, 'nothing new after that');
    } finally {
      await app.close();
    }
  });
});
