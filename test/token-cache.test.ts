import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

interface Issued {
  issueApiToken: { token: string; principal: { id: string } };
}

/**
 * Two instances on one database, each caching the principals of the tokens it has seen: a
 * revocation on one (or by hand, in SQL) stops the token on the other at once.
 */
describe('the token cache, across instances', () => {
  let db: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  const issue = async (name: string) => {
    const body = await first.graphql<Issued>(
      `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token principal { id } } }`,
      { input: { name, role: 'VIEWER' } },
    );
    assert.ok(body.data, JSON.stringify(body.errors));
    return { token: body.data.issueApiToken.token, id: body.data.issueApiToken.principal.id };
  };
  const whoIs = async (app: TestApp, token: string) => {
    const body = await app.as(token).graphql<{ me: { name: string } }>('{ me { name } }');
    return body.data?.me.name ?? body.errors?.[0]?.extensions?.code;
  };
  /** What the second instance answers once the revocation's notice had time to travel. */
  const settled = async (token: string) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const answer = await whoIs(second, token);
      if (answer === 'UNAUTHENTICATED') return { answer, attempt };
      await sleep(20);
    }
    return { answer: await whoIs(second, token), attempt: 100 };
  };

  before(async () => {
    db = await createTestDatabase();
    first = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    second = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
  });
  after(async () => {
    await second.close();
    await first.close();
    await db.drop();
  });

  it('stops on every instance a token revoked on one', async () => {
    const screen = await issue('screen');
    assert.equal(await whoIs(second, screen.token), 'screen');
    assert.equal(await whoIs(second, screen.token), 'screen', 'now from the cache');
    const revoked = await first.graphql(
      `mutation { revokeApiToken(input: { id: "${screen.id}" }) { id } }`,
    );
    assert.equal(revoked.errors, undefined);
    assert.equal(await whoIs(first, screen.token), 'UNAUTHENTICATED', 'at once where revoked');
    const elsewhere = await settled(screen.token);
    assert.equal(elsewhere.answer, 'UNAUTHENTICATED');
    assert.ok(elsewhere.attempt < 100, 'and within the time a notice takes on the other');
  });

  it('stops a token revoked by hand in SQL', async () => {
    const wall = await issue('wall');
    assert.equal(await whoIs(first, wall.token), 'wall');
    assert.equal(await whoIs(second, wall.token), 'wall');
    await db.pool.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [wall.id]);
    assert.equal((await settled(wall.token)).answer, 'UNAUTHENTICATED');
  });

  it('keeps no token while it cannot hear revocations, and listens again', async () => {
    const kiosk = await issue('kiosk');
    assert.equal(await whoIs(second, kiosk.token), 'kiosk');
    const killed = await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'sprint-ledger-token-cache' AND datname = current_database()`,
    );
    assert.equal(killed.rowCount, 2, 'both instances listen');
    await sleep(100);
    // Revoked while nobody listens: no notice reaches anyone, yet the token stops.
    await db.pool.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [kiosk.id]);
    assert.equal(await whoIs(second, kiosk.token), 'UNAUTHENTICATED');
    assert.equal(await whoIs(first, kiosk.token), 'UNAUTHENTICATED');
    const listening = async () =>
      (
        await db.pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'sprint-ledger-token-cache' AND datname = current_database()`,
        )
      ).rows[0] as { n: number };
    for (let attempt = 0; attempt < 100 && (await listening()).n < 2; attempt += 1) await sleep(50);
    assert.equal((await listening()).n, 2, 'both listen again');
    const desk = await issue('desk');
    assert.equal(await whoIs(second, desk.token), 'desk');
    await first.graphql(`mutation { revokeApiToken(input: { id: "${desk.id}" }) { id } }`);
    assert.equal((await settled(desk.token)).answer, 'UNAUTHENTICATED');
  });
});
