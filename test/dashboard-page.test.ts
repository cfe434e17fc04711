import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import type { AppConfig } from '../src/config/config.js';
import { SprintTimers } from '../src/sprints/timing/sprint-timers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';

const sprintId = 'sprint-4';
const sprintName = 'Sprint 4: Temporal Workflow Testing';
const artifacts = `${repoRoot}/test-results`;

/** Debian's Chromium, headless, kept off the network beyond localhost. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

describe('the live dashboard page', () => {
  let db: TestDatabase;
  let app: TestApp;
  let config: AppConfig;
  let browser: Browser;
  let page: Page;

  before(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    app = await startTestApp(config);
    await app.importDemoSprint();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser.close();
    await app.close();
    await db.drop();
  });

  it('is served without a token, with its scripts, under a strict content security policy', async () => {
    for (const path of ['/', `/sprints/${sprintId}`]) {
      const response = await request(app.url).get(path).expect(200);
      assert.match(String(response.headers['content-type']), /text\/html/);
      assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
      assert.match(response.text, /<script type="module" src="\/assets\/main\.js">/);
    }
    const script = await request(app.url).get('/assets/main.js').expect(200);
    assert.match(String(script.headers['content-type']), /javascript/);
    await request(app.url).get('/assets/dashboard.css').expect(200);
    await request(app.url).get('/assets/nothing.js').expect(404);
    await request(app.url).get('/assets/..%2Fpackage.json').expect(404);
  });

  it('lists the sprints at / and opens the demo sprint with everything the dashboard shows', async () => {
    await page.goto(`${app.url}/#token=${coordinatorToken}`);
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    await page.getByRole('link', { name: sprintName }).click();
    await page.waitForURL(`**/sprints/${sprintId}`);
    assert.equal(await page.getByTestId('sprint-name').textContent(), sprintName);

    assert.equal(await page.locator('[data-agent]').count(), 3);
    assert.equal(await page.locator('[data-phase]').count(), 7);
    const tasks = await app.graphql<{ sprint: { tasks: unknown[] } }>(
      'query ($id: ID!) { sprint(id: $id) { tasks { id } } }',
      { id: sprintId },
    );
    assert.equal(
      await page.locator('[data-testid=gantt] [data-task]').count(),
      tasks.data?.sprint.tasks.length,
      'one Gantt row per task',
    );
    assert.ok(await page.locator('.gantt-bar.critical').count(), 'the critical path is marked');
    assert.ok(await page.locator('.gantt-slack').count(), 'slack is drawn');
    assert.equal(await page.locator('[data-testid=burndown] polyline.ideal').count(), 1);
    assert.equal(await page.locator('[data-testid=burndown] polyline.scope').count(), 1);
    assert.equal(await page.getByRole('progressbar').first().getAttribute('aria-valuenow'), '0');
    const panels = ['overview', 'blockers', 'issues', 'communications', 'checkpoints', 'risks'];
    for (const panel of [...panels, 'scope-changes']) {
      assert.ok(await page.getByTestId(panel).isVisible(), panel);
    }
    assert.match((await page.getByTestId('deliverables').textContent()) ?? '', /☐/);
    // The reference's risk table and checkpoint criteria, which the page once left out.
    assert.match((await page.getByTestId('risks').textContent()) ?? '', /Mitigation/);
    assert.ok(await page.locator('[data-testid=checkpoints] ul.criteria li').count());
    assert.match(
      (await page.getByTestId('scope-summary').textContent()) ?? '',
      /the baseline is set when the sprint starts/,
    );
  });

  it('shows mutations sent through the API without a reload, and saves a screenshot', async () => {
    await page.getByTestId('live').getByText('live').waitFor();
    // Code run in the page is given as text: these tests compile without the DOM's types.
    await page.evaluate('window.sameDocument = true');

    const shownAfter = async (change: () => Promise<void>, shown: string) => {
      const sentAt = performance.now();
      await change();
      await page.locator(shown).first().waitFor({ timeout: 10000 });
      return Math.round(performance.now() - sentAt);
    };
    const started = await shownAfter(async () => {
      const result = await app.mutate('startTask', {
        sprintId,
        taskId: '1.1',
        agent: 'python-pro',
      });
      assert.deepEqual(result.userErrors, []);
    }, '[data-task="1.1"] .gantt-bar.in-progress');
    const raised = await shownAfter(async () => {
      const result = await app.mutate('raiseBlocker', {
        sprintId,
        severity: 'P1',
        agent: 'python-pro',
        taskId: '1.1',
        description: 'Temporal SDK will not install',
      });
      assert.deepEqual(result.userErrors, []);
    }, '[data-testid=blockers] >> text=Temporal SDK will not install');
    const cancelled = await shownAfter(async () => {
      const result = await app.mutate('cancelTask', {
        sprintId,
        taskId: '6.2',
        reason: 'the matrix does not change',
      });
      assert.deepEqual(result.userErrors, []);
    }, '[data-testid=scope-changes] >> text=TaskCancelled');
    const claimed = await shownAfter(async () => {
      const result = await app.mutate('claimTask', {
        sprintId,
        taskId: '2.1',
        agent: 'devops-engineer',
      });
      assert.deepEqual(result.userErrors, []);
    }, '[data-testid=clocks] >> text=held by devops-engineer');
    // devops-engineer goes silent: an hour on, by the service's clock, its lease has run out,
    // and the P1 left alone since has gone to python-pro's backup.
    const clock = app.app.get(Clock);
    const expired = await shownAfter(async () => {
      const later = Date.now() + 61 * 60_000;
      clock.now = () => new Date(later);
      await app.app.get(SprintTimers).runDue();
      clock.now = () => new Date();
    }, '[data-testid=clocks] >> text=UNRESPONSIVE');
    assert.match(
      (await page.getByTestId('clocks').textContent()) ?? '',
      /Task 2\.1back in the queue after 1 lost lease.*escalated to ai-engineer \(level 1\)/,
    );
    console.log(
      `# mutation to page: task started ${started} ms, blocker shown ${raised} ms, scope change ${cancelled} ms, lease ${claimed} ms, expiry ${expired} ms`,
    );
    assert.match((await page.getByTestId('forecast').textContent()) ?? '', /P50 .* P90/);

    assert.equal(await page.evaluate('window.sameDocument'), true, 'the page was not reloaded');
    assert.match((await page.locator('[data-agent="python-pro"]').textContent()) ?? '', /1\.1/);
    assert.match((await page.getByTestId('overview').textContent()) ?? '', /1 open blockers/);

    await mkdir(artifacts, { recursive: true });
    const screenshot = `${artifacts}/dashboard-sprint-4.png`;
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok((await stat(screenshot)).size > 20_000, 'a screenshot with something in it');
  });

  it('reconnects by itself when the service restarts, and goes on updating', async () => {
    await page.getByTestId('live').getByText('live').waitFor();
    const port = Number(new URL(app.url).port);
    await app.close();
    await page.getByTestId('live').getByText('reconnecting').waitFor();
    app = await startTestApp(config, port);
    await page.getByTestId('live').getByText('live').waitFor({ timeout: 15000 });
    const result = await app.mutate('reportIssue', {
      sprintId,
      severity: 'P2',
      title: 'Worker restarts lose the task queue',
    });
    assert.deepEqual(result.userErrors, []);
    await page
      .locator('[data-testid=issues] >> text=Worker restarts lose the task queue')
      .waitFor();
  });

  it('fits a phone’s width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: `${artifacts}/dashboard-sprint-4-phone.png`, fullPage: true });
  });

  it('asks for a token again once its token is revoked while it is open', async () => {
    const issued = await app.graphql<{
      issueApiToken: { token: string; principal: { id: string } };
    }>(
      `mutation ($input: IssueApiTokenInput!) {
        issueApiToken(input: $input) { token principal { id } }
      }`,
      { input: { name: 'wall screen', role: 'VIEWER' } },
    );
    assert.ok(issued.data, JSON.stringify(issued.errors));
    const { token, principal } = issued.data.issueApiToken;
    const context = await browser.newContext();
    const viewer = await context.newPage();
    try {
      await viewer.goto(`${app.url}/sprints/${sprintId}#token=${token}`);
      await viewer.getByTestId('live').getByText('live').waitFor();
      const revoked = await app.graphql(
        'mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id } }',
        { input: { id: principal.id } },
      );
      assert.equal(revoked.errors, undefined, JSON.stringify(revoked.errors));
      const logged = await app.mutate('logHours', {
        sprintId,
        taskId: '1.1',
        agent: 'python-pro',
        hours: 0.5,
      });
      assert.deepEqual(logged.userErrors, []);
      await viewer.getByText('That token is not valid').waitFor();
      assert.equal(await viewer.locator('input[name=token]').count(), 1);
    } finally {
      await context.close();
    }
  });

  it('asks for a token when it has none or a wrong one', async () => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    try {
      await fresh.goto(`${app.url}/sprints/${sprintId}`);
      await fresh.locator('input[name=token]').fill('not-a-token');
      await fresh.getByRole('button', { name: 'Open' }).click();
      await fresh.getByText('That token is not valid').waitFor();
      await fresh.locator('input[name=token]').fill(coordinatorToken);
      await fresh.getByRole('button', { name: 'Open' }).click();
      await fresh.getByTestId('sprint-name').waitFor();
      assert.equal(await fresh.getByTestId('sprint-name').textContent(), sprintName);
    } finally {
      await context.close();
    }
  });
});
