import assert from 'node:assert/strict';
import { loadSprintRows } from '../src/read-models/sprint-rows.js';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { systemPrincipal } from '../src/access/principal.js';
import type { Clock } from '../src/common/clock.js';
import { renderDashboardMarkdown } from '../src/dashboard/dashboard-markdown.js';
import { createSprintLedger } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';

const golden = `${repoRoot}/test/golden/sprint-4-dashboard.md`;
const planned = '2026-11-25T09:00:00.000Z';
const fixedClock: Clock = { now: () => new Date(planned) };

describe('the dashboard as a Markdown document', () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    const plan = parseSprintPlan(await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
    await createSprintLedger(db.pool, fixedClock).execute(
      plan.key,
      { kind: 'PlanSprint', plan },
      { principal: systemPrincipal('test') },
    );
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('reproduces the reference layout and figures for the imported Sprint 4 (golden file)', async () => {
    const rows = await loadSprintRows(db.pool, 'sprint-4');
    assert.ok(rows);
    const markdown = renderDashboardMarkdown(rows, planned);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, markdown);

    for (const section of [
      '## Quick Status Overview',
      '## Agent Assignments & Status',
      '## Phase Status Tracker',
      '## Critical Path Monitoring',
      '## Blocker Tracking',
      '## Issue Registry',
      '## Communication Log',
      '## Checkpoint Status',
      '## Deliverable Status',
      '### Time Metrics',
      '### Quality Metrics',
      '### Velocity Metrics',
      '## Risk Indicators',
    ]) {
      assert.ok(markdown.includes(section), `has ${section}`);
    }
    for (const figure of [
      '0/7 phases complete',
      'Overall Progress:       [□□□□□□□□□□]  0%',
      'Active Agents:          0/3',
      'Progress: 0/11 tasks',
      'Progress: 0/6 tasks',
      'Progress: 0/7 tasks',
      'Next Task: Task 2.1 - Deploy Temporal + PostgreSQL',
      '  - Awaiting Phase 1 completion',
      'Progress: 0/12 deliverables (0%)',
      'No active blockers',
      'No issues reported yet',
      'No communications logged yet',
      '│ PostgreSQL Connection   │ MEDIUM    │ ACTIVE    │ Pre-validate   │',
      'SPRINT 4 STATUS DASHBOARD',
      'Critical Path Position: 0/15 hours (0%)',
      'Total Critical Path: 15 hours (plan: 14 hours)',
      'With Buffers: 19 hours',
    ]) {
      assert.ok(markdown.includes(figure), `shows ${figure}`);
    }
    assert.equal(markdown.match(/│ PENDING/g)?.length, 4);
    assert.equal(markdown, await readFile(golden, 'utf8'));
  });

  it('is served as GraphQL dashboardMarkdown and as GET /sprints/:id/dashboard.md', async () => {
    const body = await app.graphql<{ dashboardMarkdown: string }>(
      '{ dashboardMarkdown(sprintId: "sprint-4") }',
    );
    assert.match(body.data?.dashboardMarkdown ?? '', /^# Sprint 4: Temporal Workflow Testing/);
    const response = await request(app.url)
      .get('/sprints/sprint-4/dashboard.md')
      .set('authorization', `Bearer ${coordinatorToken}`)
      .expect(200);
    assert.match(String(response.headers['content-type']), /text\/markdown/);
    assert.match(response.text, /0\/7 phases complete/);
    await request(app.url)
      .get('/sprints/nope/dashboard.md')
      .set('authorization', `Bearer ${coordinatorToken}`)
      .expect(404);
    await request(app.url).get('/sprints/sprint-4/dashboard.md').expect(401);
  });
});
