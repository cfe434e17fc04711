import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { AppConfig } from '../src/config/config.js';
import { contractFiles, topicSettings } from '../src/contract-documents/asyncapi.js';
import { eventSchema, sprintLog } from '../src/sprints/sprint-events.js';
import { appendToStream, readStream, streamVersion } from '../src/event-store/event-store.js';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';
import { readTopic } from './support/kafka.js';

const sprintId = 'sprint-4';

describe('the event contract in the running service', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    app = await startTestApp(config);
    await app.importDemoSprint();
    const started = await app.mutate('startTask', { sprintId, taskId: '1.1', agent: 'python-pro' });
    assert.deepEqual(started.userErrors, []);
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  const taskHours = async () => {
    const body = await app.graphql<{ sprint: { tasks: { id: string; actualHours: number }[] } }>(
      'query ($id: ID!) { sprint(id: $id) { tasks { id actualHours } } }',
      { id: sprintId },
    );
    return body.data?.sprint.tasks.find((task) => task.id === '1.1')?.actualHours;
  };

  it('reads, projects and publishes an event stored at an older payload version as the current one', async () => {
    // HoursLogged as a release before v2 stored it: no note.
    const storedV1 = {
      taskId: '1.1',
      agent: 'python-pro',
      hours: 1.25,
      totalHours: 1.25,
      at: '2026-11-20T09:00:00.000Z',
    };
    const [old] = await appendToStream(db.pool, sprintId, await streamVersion(db.pool, sprintId), [
      {
        type: 'HoursLogged',
        schemaVersion: 1,
        data: storedV1,
        metadata: { actor: 'python-pro', actorKind: 'AGENT' },
      },
    ]);
    assert.ok(old);
    const row = await db.pool.query<{ schema_version: number; data: object }>(
      'SELECT schema_version, data FROM events WHERE event_id = $1',
      [old.eventId],
    );
    assert.deepEqual(row.rows[0], { schema_version: 1, data: storedV1 }, 'the log keeps v1');

    // Read: the store applies the upcasting its caller hands in; the sprint's gives the current
    // version, and the bare store, which knows no event types, the stored one.
    const [asStored] = await readStream(db.pool, sprintId, old.streamVersion - 1);
    assert.equal(asStored?.schemaVersion, 1);
    const [readBack] = (
      await readStream(db.pool, sprintId, old.streamVersion - 1, sprintLog)
    ).filter((event) => event.eventId === old.eventId);
    assert.equal(readBack?.schemaVersion, 2);
    assert.deepEqual(readBack.data, { ...storedV1, note: null });

    // Projected: a rebuild from the log counts its hours, and so does the next decision.
    await rebuildReadModels(db.pool);
    assert.equal(await taskHours(), 1.25);
    const logged = await app.mutate('logHours', {
      sprintId,
      taskId: '1.1',
      agent: 'python-pro',
      hours: 0.5,
      note: 'wired the workflow',
    });
    assert.deepEqual(logged.userErrors, []);
    assert.equal(await taskHours(), 1.75);
    const [newer] = await readStream(db.pool, sprintId, old.streamVersion, sprintLog);
    assert.ok(newer);
    assert.deepEqual(newer.data, {
      taskId: '1.1',
      agent: 'python-pro',
      hours: 0.5,
      totalHours: 1.75,
      note: 'wired the workflow',
      at: newer.data.at,
    });

    // Published: at v2, valid against the v2 schema, like the event recorded after it.
    const ids = [old.eventId, newer.eventId];
    const messages = await readTopic(config.kafka.topic, (got) =>
      ids.every((id) => got.some((message) => message.headers.ce_id === id)),
    );
    const v2 = eventSchema('HoursLogged', 2);
    assert.ok(v2);
    for (const id of ids) {
      const message = messages.find((candidate) => candidate.headers.ce_id === id);
      assert.equal(message?.headers.ce_schemaversion, '2');
      const value = message.value as unknown as { schemaVersion: number; data: unknown };
      assert.equal(value.schemaVersion, 2);
      assert.ok(v2.safeParse(value.data).success, JSON.stringify(value.data));
    }
    const publishedOld = messages.find((message) => message.headers.ce_id === old.eventId);
    assert.deepEqual((publishedOld?.value as unknown as { data: unknown }).data, {
      ...storedV1,
      note: null,
    });
  });

  it('serves the AsyncAPI document of its own topic and every event schema, without a token', async () => {
    const files = contractFiles(topicSettings(config));
    const index = await request(app.url).get('/contract').expect(200);
    type Entry = { type: string; version: number; current: boolean; schema: string };
    const listed = (index.body as { events: Entry[] }).events;
    assert.deepEqual(
      listed.filter((entry) => entry.type === 'HoursLogged'),
      [
        {
          type: 'HoursLogged',
          version: 1,
          current: false,
          schema: '/contract/events/HoursLogged.v1.schema.json',
        },
        {
          type: 'HoursLogged',
          version: 2,
          current: true,
          schema: '/contract/events/HoursLogged.v2.schema.json',
        },
      ],
    );
    assert.equal(listed.length, files.size - 2, 'every event schema, besides the two documents');

    const asyncapi = await request(app.url).get('/contract/asyncapi.yaml').expect(200);
    assert.match(String(asyncapi.headers['content-type']), /yaml/);
    assert.equal(asyncapi.text, files.get('asyncapi.yaml'));
    assert.match(
      asyncapi.text,
      new RegExp(`address: ${config.kafka.topic.replaceAll('.', '\\.')}`),
    );

    const plan = await request(app.url).get('/contract/sprint-plan.schema.json').expect(200);
    assert.equal(plan.text, files.get('sprint-plan.schema.json'));

    for (const { schema } of listed) {
      const served = await request(app.url).get(schema).expect(200);
      assert.equal(served.text, files.get(schema.slice('/contract/'.length)), schema);
    }
    await request(app.url).get('/contract/events/Unknown.v1.schema.json').expect(404);
  });
});
