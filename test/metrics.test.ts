import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

describe('GET /metrics', () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('exposes the series an operator watches, after a played scenario', async () => {
    await app.importDemoSprint();
    const started = await app.mutate('startTask', {
      sprintId: 'sprint-4',
      taskId: '1.1',
      agent: 'python-pro',
    });
    assert.deepEqual(started.userErrors, []);
    const refused = await app.mutate('completeTask', { sprintId: 'sprint-4', taskId: '2.1' });
    assert.equal(refused.userErrors[0]?.code, 'INVALID_TRANSITION');
    const invalid = await app.graphql('{ noSuchField }');
    assert.equal(invalid.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');

    const response = await request(app.url).get('/metrics').expect(200);
    assert.match(String(response.headers['content-type']), /text\/plain/);
    const text = response.text;
    const value = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      assert.ok(line, `${series} is exposed`);
      return Number(line.split(' ').at(-1));
    };
    assert.equal(value('sprint_ledger_events_appended_total{type="SprintPlanned"}'), 1);
    assert.equal(value('sprint_ledger_events_appended_total{type="TaskStarted"}'), 1);
    assert.equal(
      value(
        'sprint_ledger_mutation_duration_seconds_count{command="StartTask",outcome="recorded"}',
      ),
      1,
    );
    assert.equal(
      value(
        'sprint_ledger_mutation_duration_seconds_count{command="CompleteTask",outcome="refused"}',
      ),
      1,
    );
    assert.equal(value('sprint_ledger_graphql_errors_total{code="INVALID_TRANSITION"}'), 1);
    assert.equal(value('sprint_ledger_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}'), 1);
    // Labelled by root field, from the schema's bounded set; anything else is "other".
    assert.equal(
      value('sprint_ledger_graphql_request_duration_seconds_count{operation="startTask"}'),
      1,
    );
    assert.equal(
      value('sprint_ledger_graphql_request_duration_seconds_count{operation="importSprintPlan"}'),
      1,
    );
    assert.ok(
      value('sprint_ledger_graphql_request_duration_seconds_count{operation="other"}') >= 1,
    );
    assert.ok(
      value('sprint_ledger_relay_lag_events') >= 5,
      'nothing published: the relay is off here',
    );
    assert.ok(value('sprint_ledger_relay_lag_seconds') >= 0);
    assert.equal(value('sprint_ledger_kafka_publish_errors_total'), 0);
    assert.ok(value('sprint_ledger_process_resident_memory_bytes') > 0);
  });
});
