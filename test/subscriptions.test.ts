import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { readStream } from '../src/event-store/event-store.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, testConfig } from './support/environment.js';

interface Message {
  position: number;
  streamVersion: number;
  type: string;
}

const sprintEvents = `subscription ($after: Float) {
  sprintEvents(sprintId: "sprint-4", after: $after) { position streamVersion type }
}`;

function subscriber(app: TestApp, token: string | null): Client {
  return createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Reads messages until `enough` says so; fails after 20 s. */
async function take(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  enough: (messages: readonly Message[]) => boolean,
): Promise<Message[]> {
  const messages: Message[] = [];
  const iterator = client.iterate<{ sprintEvents: Message }>({ query, variables });
  const deadline = setTimeout(() => void iterator.return?.(), 20000);
  try {
    for await (const result of iterator) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      if (result.data) messages.push(result.data.sprintEvents);
      if (enough(messages)) break;
    }
  } finally {
    clearTimeout(deadline);
  }
  return messages;
}

/** What a failed subscription was refused with, as text. */
async function failureOf(subscription: Promise<unknown>): Promise<string> {
  try {
    await subscription;
  } catch (error) {
    return JSON.stringify(error instanceof Error ? error.message : error);
  }
  return assert.fail('expected the subscription to be refused');
}

describe('GraphQL subscriptions over graphql-transport-ws', () => {
  let db: TestDatabase;
  let instanceA: TestApp;
  let instanceB: TestApp;

  before(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url, { RELAY_ENABLED: 'false', GRAPHQL_MAX_ALIASES: '5' });
    instanceA = await startTestApp(config);
    instanceB = await startTestApp(config);
    await instanceB.importDemoSprint();
  });
  after(async () => {
    await instanceA.close();
    await instanceB.close();
    await db.drop();
  });

  it('refuses a subscription without a valid token', async () => {
    for (const token of [null, 'slt_not-a-token']) {
      const client = subscriber(instanceA, token);
      try {
        const refusal = await failureOf(take(client, sprintEvents, {}, () => true));
        assert.match(refusal, /a valid API token is required/);
        assert.match(refusal, /"code":"UNAUTHENTICATED"/);
      } finally {
        await client.dispose();
      }
    }
  });

  it('delivers on instance A what instance B recorded', async () => {
    const client = subscriber(instanceA, coordinatorToken);
    try {
      const received = take(client, sprintEvents, {}, (messages) =>
        messages.some((message) => message.type === 'TaskStarted'),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = await instanceB.mutate('startTask', {
        sprintId: 'sprint-4',
        taskId: '1.1',
        agent: 'python-pro',
      });
      assert.deepEqual(started.userErrors, []);
      const messages = await received;
      assert.equal(messages[0]?.type, 'SprintPlanned');
      assert.ok(messages.some((message) => message.type === 'TaskStarted'));
    } finally {
      await client.dispose();
    }
  });

  it('resumes after a position with exactly the events recorded meanwhile, in order', async () => {
    const client = subscriber(instanceA, coordinatorToken);
    try {
      const recorded = (await readStream(db.pool, 'sprint-4')).length;
      const seen = await take(client, sprintEvents, {}, (messages) => messages.length >= recorded);
      const last = seen.at(-1);
      assert.ok(last);
      for (let entry = 0; entry < 50; entry += 1) {
        const logged = await instanceB.mutate('logHours', {
          sprintId: 'sprint-4',
          taskId: '1.1',
          agent: 'python-pro',
          hours: 0.01,
        });
        assert.deepEqual(logged.userErrors, []);
      }
      const resumed = await take(
        client,
        sprintEvents,
        { after: last.position },
        (messages) => messages.length >= 50,
      );
      assert.equal(resumed.length, 50);
      assert.ok(resumed.every((message) => message.type === 'HoursLogged'));
      assert.deepEqual(
        resumed.map((message) => message.streamVersion),
        resumed.map((_, index) => last.streamVersion + index + 1),
      );
    } finally {
      await client.dispose();
    }
  });

  it('refuses a subscription over the alias limit before it runs', async () => {
    const client = subscriber(instanceA, coordinatorToken);
    const aliases = Array.from({ length: 6 }, (_, index) => `p${index}: position`).join(' ');
    try {
      const refusal = await failureOf(
        take(
          client,
          `subscription { sprintEvents(sprintId: "sprint-4") { ${aliases} } }`,
          {},
          () => true,
        ),
      );
      assert.match(refusal, /operation aliases 6 is over the limit of 5/);
      assert.match(refusal, /QUERY_TOO_COMPLEX/);
    } finally {
      await client.dispose();
    }
  });
  it('pushes the dashboard when the sprint changes on another instance', async () => {
    const client = subscriber(instanceA, coordinatorToken);
    const views: { version: number; tasksComplete: number }[] = [];
    try {
      const iterator = client.iterate<{
        dashboardChanged: { version: number; overview: { tasksComplete: number } };
      }>({
        query:
          'subscription { dashboardChanged(sprintId: "sprint-4") { version overview { tasksComplete } } }',
      });
      const deadline = setTimeout(() => void iterator.return?.(), 20000);
      let completed = false;
      for await (const result of iterator) {
        const view = result.data?.dashboardChanged;
        assert.ok(view, JSON.stringify(result.errors));
        views.push({ version: view.version, tasksComplete: view.overview.tasksComplete });
        if (!completed) {
          completed = true;
          const done = await instanceB.mutate('completeTask', {
            sprintId: 'sprint-4',
            taskId: '1.1',
          });
          assert.deepEqual(done.userErrors, []);
        } else if (view.overview.tasksComplete === 1) {
          break;
        }
      }
      clearTimeout(deadline);
    } finally {
      await client.dispose();
    }
    const [first] = views;
    const last = views.at(-1);
    assert.ok(first && last);
    assert.equal(first.tasksComplete, 0, 'the dashboard as it is now comes first');
    assert.equal(last.tasksComplete, 1, 'then the change, recorded by the other instance');
    assert.ok(last.version > first.version);
  });
});
