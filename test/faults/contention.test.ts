import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readStream } from '../../src/event-store/event-store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/environment.js';

describe('contention: 50 concurrent clients on one sprint', () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(
      testConfig(db.url, { RELAY_ENABLED: 'false', DATABASE_POOL_SIZE: '20' }),
    );
    await app.importDemoSprint();
    for (const [taskId, agent] of [
      ['1.1', 'python-pro'],
      ['2.1', 'devops-engineer'],
    ]) {
      const started = await app.mutate('startTask', { sprintId: 'sprint-4', taskId, agent });
      assert.deepEqual(started.userErrors, []);
    }
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('loses no update and keeps the invariants', async () => {
    const before = (await readStream(db.pool, 'sprint-4')).length;
    // 40 clients log hours, 10 race to complete the same task and report issues.
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, client) => {
        const outcomes: string[] = [];
        for (let round = 0; round < 5; round += 1) {
          const result =
            client < 40
              ? await app.mutate('logHours', {
                  sprintId: 'sprint-4',
                  taskId: client % 2 ? '1.1' : '2.1',
                  agent: client % 2 ? 'python-pro' : 'devops-engineer',
                  hours: 0.25,
                })
              : round === 0
                ? await app.mutate('completeTask', { sprintId: 'sprint-4', taskId: '1.1' })
                : await app.mutate('reportIssue', {
                    sprintId: 'sprint-4',
                    severity: 'P3',
                    title: `from client ${client} round ${round}`,
                  });
          outcomes.push(result.userErrors[0]?.code ?? 'OK');
        }
        return outcomes;
      }),
    );
    const events = (await readStream(db.pool, 'sprint-4')).slice(before);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    const accepted = results.flat().filter((outcome) => outcome === 'OK').length;
    const completions = results.slice(40).filter((outcomes) => outcomes[0] === 'OK').length;
    const logged = results
      .slice(0, 40)
      .flat()
      .filter((outcome) => outcome === 'OK').length;

    console.log(
      `contention: 50 clients, ${accepted} accepted, ${results.flat().length - accepted} refused, ${events.length} events`,
    );
    assert.equal(count('TaskCompleted'), 1, 'the task is completed once');
    assert.equal(completions, 1, 'one client won the completion');
    assert.equal(count('IssueReported'), 40);
    assert.equal(count('HoursLogged'), logged);
    const versions = events.map((event) => event.streamVersion);
    assert.deepEqual(
      versions,
      versions.map((_, index) => before + index + 1),
      'no gap, no double',
    );

    const sprint = await app.graphql<{
      sprint: {
        tasks: { id: string; actualHours: number }[];
        issues: { totalCount: number; nodes: { id: string }[] };
      };
    }>(
      '{ sprint(id: "sprint-4") { tasks { id actualHours } issues(first: 100) { totalCount nodes { id } } } }',
    );
    assert.ok(sprint.data);
    const hours = (id: string) =>
      sprint.data?.sprint.tasks.find((task) => task.id === id)?.actualHours;
    const loggedOn = (id: string) =>
      events.filter((event) => event.type === 'HoursLogged' && event.data.taskId === id).length *
      0.25;
    assert.equal(hours('1.1'), loggedOn('1.1'));
    assert.equal(hours('2.1'), loggedOn('2.1'));
    assert.equal(sprint.data.sprint.issues.totalCount, 40);
    assert.equal(new Set(sprint.data.sprint.issues.nodes.map((issue) => issue.id)).size, 40);
  });
});
