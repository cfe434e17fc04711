import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { readStream } from '../src/event-store/event-store.js';
import { dashboardNeeds, kpiNeeds, toDashboard } from '../src/dashboard/dashboard-view.js';
import { buildSprintKpis } from '../src/dashboard/sprint-kpis.js';
import { loadSprintRows } from '../src/read-models/sprint-rows.js';
import { SprintViewHandler, SprintViewQuery } from '../src/read-models/sprint-view.query.js';
import { createSprintLedger } from '../src/sprint-ledger.factory.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { sprintLog, toSprintEvent } from '../src/sprints/sprint-events.js';
import { sprint4Play } from './builders/sprint-4-play.js';
import { rowsOf } from './builders/sprint-rows.builder.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot } from './support/environment.js';

/** Timestamps as instants: Postgres gives `+00:00` where the state keeps `.000Z`. */
function instants(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(instants);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) {
    return new Date(value).toISOString();
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, instants(item)]));
}

const message = {
  kind: 'LogCommunication',
  from: 'qa-engineer',
  subject: 'one more',
  body: 'a new version',
  type: 'NOTIFICATION',
} as const;

describe('read-model rows in the state’s shape', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });

  after(async () => {
    await db.drop();
  });

  it('load back as the records the state holds, field for field, after the reference play', async () => {
    const ledger = createSprintLedger(db.pool, new Clock());
    const actor = { principal: systemPrincipal('test') };
    const plan = parseSprintPlan(await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
    await ledger.execute('sprint-4', { kind: 'PlanSprint', plan }, actor);
    for (const step of sprint4Play) {
      if (!step.refused) await ledger.execute('sprint-4', step.command, actor);
    }
    const events = (await readStream(db.pool, 'sprint-4', 0, sprintLog)).map(toSprintEvent);
    const loaded = await loadSprintRows(db.pool, 'sprint-4');
    assert.ok(loaded);
    assert.deepEqual(instants(loaded), instants(rowsOf(events)));
  });

  it('let a view derive what it needs once per version of the sprint, and again after a change', async () => {
    const handler = new SprintViewHandler(db.pool);
    let computed = 0;
    const view = new SprintViewQuery('sprint-4', (rows, remember) =>
      remember('count', () => {
        computed += 1;
        return rows.overview.version;
      }),
    );
    const first = await handler.execute(view);
    assert.equal(await handler.execute(view), first);
    assert.equal(computed, 1, 'the second read at the same version computes nothing');
    const ledger = createSprintLedger(db.pool, new Clock());
    await ledger.execute('sprint-4', message, { principal: systemPrincipal('test') });
    assert.ok(((await handler.execute(view)) as number) > (first as number));
    assert.equal(computed, 2, 'a new version is computed anew');
    await new SprintViewHandler(db.pool).execute(view);
    assert.equal(computed, 3, 'another app keeps its own');
  });

  it('give each view what it shows when it reads only the parts it says it needs', async () => {
    const all = await loadSprintRows(db.pool, 'sprint-4');
    assert.ok(all && all.communications.length > 0 && all.progressEvents.length > 0);
    assert.ok(all.issues.length > 0 && all.overview.issuesResolved > 0, 'issues, some resolved');
    const views = [
      ['dashboard', toDashboard, dashboardNeeds],
      ['metrics', buildSprintKpis, kpiNeeds],
    ] as const;
    for (const [name, build, needs] of views) {
      const some = await loadSprintRows(db.pool, 'sprint-4', needs);
      assert.ok(some);
      assert.deepEqual(build(some), build(all), name);
    }
    const dashboardOnly = await loadSprintRows(db.pool, 'sprint-4', dashboardNeeds);
    assert.deepEqual(
      [dashboardOnly?.communications, dashboardOnly?.issues, dashboardOnly?.progressEvents],
      [[], [], []],
      'the dashboard reads no message, no issue and no history',
    );
  });
});
