import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../src/config/config.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { testConfig } from './support/environment.js';

const preflight = (app: TestApp, origin: string) =>
  request(app.url)
    .options('/graphql')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'authorization, content-type');

describe('CORS: off by default, on for the origins configured', () => {
  let db: TestDatabase;
  let closed: TestApp;
  let open: TestApp;

  before(async () => {
    db = await createTestDatabase();
    const quiet = { RELAY_ENABLED: 'false', REACTIONS_ENABLED: 'false', TIMERS_ENABLED: 'false' };
    closed = await startTestApp(testConfig(db.url, quiet));
    open = await startTestApp(
      testConfig(db.url, {
        ...quiet,
        CORS_ORIGINS: 'https://board.example, http://localhost:5173',
      }),
    );
  });
  after(async () => {
    await closed.close();
    await open.close();
    await db.drop();
  });

  it('answers no preflight and sends no CORS header when no origin is configured', async () => {
    const answer = await preflight(closed, 'https://board.example');
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    const post = await request(closed.url)
      .post('/graphql')
      .set('origin', 'https://board.example')
      .set('authorization', `Bearer ${testConfig(db.url).coordinatorToken ?? ''}`)
      .send({ query: '{ me { name } }' });
    assert.equal(post.status, 200);
    assert.equal(post.headers['access-control-allow-origin'], undefined);
  });

  it('lets a configured origin call with its token, and no other origin', async () => {
    const answer = await preflight(open, 'https://board.example');
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['access-control-allow-origin'], 'https://board.example');
    assert.match(String(answer.headers['access-control-allow-headers']), /authorization/);
    const post = await request(open.url)
      .post('/graphql')
      .set('origin', 'http://localhost:5173')
      .set('authorization', `Bearer ${testConfig(db.url).coordinatorToken ?? ''}`)
      .send({ query: '{ me { name } }' });
    assert.equal(post.headers['access-control-allow-origin'], 'http://localhost:5173');
    const stranger = await preflight(open, 'https://evil.example');
    assert.equal(stranger.headers['access-control-allow-origin'], undefined);
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming it', () => {
    assert.throws(
      () =>
        loadConfig({ DATABASE_URL: db.url, CORS_ORIGINS: 'https://ok.example, board.example/x' }),
      /CORS_ORIGINS.*board\.example\/x is not an origin/s,
    );
  });
});
