import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, testConfig } from './support/environment.js';

const quiet = { RELAY_ENABLED: 'false', REACTIONS_ENABLED: 'false', TIMERS_ENABLED: 'false' };

describe('GraphiQL, served from the package', () => {
  let db: TestDatabase;
  let app: TestApp;
  let closed: TestApp;
  let browser: Browser;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { ...quiet, GRAPHIQL: 'true' }));
    closed = await startTestApp(testConfig(db.url, { ...quiet, GRAPHIQL: 'false' }));
    await app.importDemoSprint();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  after(async () => {
    await browser.close();
    await app.close();
    await closed.close();
    await db.drop();
  });

  it('names no other host in its page, and is off when GRAPHIQL is false', async () => {
    const page = await request(app.url).get('/graphiql').expect(200);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(page.text, /https?:\/\//, 'every script and style is the service’s own');
    for (const file of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'start.js']) {
      await request(app.url).get(`/graphiql/assets/${file}`).expect(200);
    }
    await request(app.url).get('/graphiql/assets/..%2F..%2Fpackage.json').expect(404);
    await request(app.url).get('/graphiql/assets/constructor').expect(404);
    await request(closed.url).get('/graphiql').expect(404);
    await request(closed.url).get('/graphiql/assets/graphiql.js').expect(404);
  });

  it('asks for a token, then runs a query, with every other host cut off', async () => {
    const context = await browser.newContext();
    const origin = new URL(app.url).origin;
    const elsewhere: string[] = [];
    // The network is cut: any request that is not to the service fails, and is noted.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(`${app.url}/graphiql`);
    await page.getByLabel('API token').fill(coordinatorToken);
    await page.getByRole('button', { name: 'Open GraphiQL' }).click();
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.locator('.result-window').filter({ hasText: 'sprint-4' }).waitFor();
    const result = (await page.locator('.result-window').textContent()) ?? '';
    assert.match(result, /"name": "Sprint 4: Temporal Workflow Testing"/);
    assert.match(result, /"role": "COORDINATOR"/);
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(failures, []);
    await context.close();
  });
});
