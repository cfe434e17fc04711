import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { closeCodes } from '../src/subscriptions/socket-registry.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, testConfig } from './support/environment.js';

const dashboardChanged = 'subscription { dashboardChanged(sprintId: "sprint-4") { version } }';
const maxSubscriptions = 5;

/** The code a socket was closed with; fails after 10 s. */
function closedWith(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('the socket stayed open'));
    }, 10000);
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('what a WebSocket may hold open', () => {
  let db: TestDatabase;
  let app: TestApp;
  let wsUrl = '';

  const client = (token: string, closed?: (code: number) => void): Client =>
    createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      // The tests look at how sockets close; graphql-ws would print each close as well.
      onNonLazyError: () => undefined,
      on: { closed: (event) => closed?.((event as { code: number }).code) },
    });

  /** Starts a subscription and waits for its first dashboard, or for its refusal. */
  const subscribe = async (on: Client) => {
    const iterator = on.iterate({ query: dashboardChanged });
    const first = await iterator.next().then(
      (result) => JSON.stringify(result.value),
      (error: unknown) => `refused: ${JSON.stringify(error)}`,
    );
    return { first, end: () => iterator.return?.() };
  };

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(
      testConfig(db.url, {
        RELAY_ENABLED: 'false',
        WS_INIT_TIMEOUT_MS: '300',
        WS_MAX_SUBSCRIPTIONS: String(maxSubscriptions),
        TOKEN_RECHECK_MS: '200',
      }),
    );
    wsUrl = `${app.url.replace(/^http/, 'ws')}/graphql`;
    await app.importDemoSprint();
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('checks a subscription as a query is checked: its rules, its text, its size', async () => {
    const coordinator = client(coordinatorToken);
    try {
      const unknownField = await coordinator
        .iterate({
          query: 'subscription { dashboardChanged(sprintId: "sprint-4") { noSuchField } }',
        })
        .next()
        .then(
          (result) => JSON.stringify(result.value),
          (error: unknown) => JSON.stringify(error),
        );
      assert.match(unknownField, /noSuchField/);
      assert.match(unknownField, /GRAPHQL_VALIDATION_FAILED/);
      const nul = await coordinator
        .iterate({
          query: 'subscription ($id: ID!) { dashboardChanged(sprintId: $id) { version } }',
          variables: { id: 'sprint-4\u0000' },
        })
        .next()
        .then(
          (result) => JSON.stringify(result.value),
          (error: unknown) => JSON.stringify(error),
        );
      assert.match(nul, /VALIDATION_FAILED/);
    } finally {
      await coordinator.dispose();
    }
    // A message over 64 KiB ends the socket (1009, message too big) before anything parses it.
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(100_000) } }),
    );
    assert.equal(await closedWith(socket), 1009);
  });

  it('closes a socket that never says connection_init', async () => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    assert.equal(await closedWith(socket), closeCodes.initTimeout);
  });

  it('ends what a revoked token holds open, and serves it nothing more', async () => {
    const issued = await app.graphql<{
      issueApiToken: { token: string; principal: { id: string } };
    }>(
      `mutation { issueApiToken(input: { name: "wall", role: VIEWER }) { token principal { id } } }`,
    );
    const token = issued.data?.issueApiToken.token ?? '';
    let closeCode = 0;
    const viewer = client(token, (code) => (closeCode = code));
    try {
      const open = await subscribe(viewer);
      assert.match(open.first, /version/);
      const revoked = await app.graphql(
        `mutation { revokeApiToken(input: { id: "${issued.data?.issueApiToken.principal.id ?? ''}" }) { revokedAt } }`,
      );
      assert.equal(revoked.errors, undefined);
      const deadline = Date.now() + 10000;
      while (closeCode === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(closeCode, closeCodes.forbidden, 'the socket was closed as forbidden');
    } finally {
      await viewer.dispose();
    }
  });

  it(`holds at most ${maxSubscriptions} of 300 subscriptions asked for on one socket`, async () => {
    const coordinator = client(coordinatorToken);
    try {
      const open = [];
      for (let index = 0; index < maxSubscriptions; index += 1) {
        const subscription = await subscribe(coordinator);
        assert.match(subscription.first, /version/);
        open.push(subscription);
      }
      // The size once seen: 300 subscriptions on one socket slowed every mutation fivefold.
      for (let index = maxSubscriptions; index < 300; index += 1) {
        const refused = await subscribe(coordinator);
        assert.match(refused.first, /LIMIT_EXCEEDED/);
      }
      await open[0]?.end();
      // The place is given back as the ended subscription unwinds, a few turns of the loop on.
      let again = await subscribe(coordinator);
      for (let tries = 0; tries < 50 && again.first.startsWith('refused'); tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        again = await subscribe(coordinator);
      }
      assert.match(again.first, /version/, 'an ended subscription frees its place');
    } finally {
      await coordinator.dispose();
    }
  });
});
