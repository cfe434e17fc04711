import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';
import { readModelContents } from './support/read-models.js';

/** The demo plan as a team edits it in git: one task added, one re-estimated, one dropped, a dependency moved. */
function edited(plan: string): string {
  const edits: [string, string][] = [
    [
      "dependsOn: ['1.2'] }\n",
      "dependsOn: ['1.2'] }\n      - { id: '1.4', title: Review Workflow Code, estimateHours: 1, assignees: [python-pro], dependsOn: ['1.3'] }\n",
    ],
    [
      'Document Deployment Configuration, estimateHours: 1,',
      'Document Deployment Configuration, estimateHours: 2,',
    ],
    [
      "Validate PostgreSQL Persistence, estimateHours: 1, assignees: [devops-engineer], dependsOn: ['3.2']",
      "Validate PostgreSQL Persistence, estimateHours: 1, assignees: [devops-engineer], dependsOn: ['3.3']",
    ],
  ];
  let text = plan;
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
  }
  const dropped = text.split('\n').filter((line) => !line.includes("id: '6.2'"));
  return dropped.join('\n');
}

const previewQuery = `query ($plan: String!) { previewPlanChanges(sprintId: "sprint-4", plan: $plan) {
  version changes { event action element id hoursDelta note fields { field before after } }
  userErrors { code field message } } }`;

interface Preview {
  previewPlanChanges: {
    version: number | null;
    changes: { event: string; action: string; element: string; id: string; hoursDelta: number }[];
    userErrors: { code: string; field: string }[];
  };
}

const changesSelection = `events { type } userErrors { code field message }
  changes { event id hoursDelta fields { field before after } }`;

describe('re-applying an edited plan file', () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    await app.importDemoSprint();
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('previews the changes, records exactly those, and shows them against the baseline', async () => {
    const started = await app.mutate('startTask', {
      sprintId: 'sprint-4',
      taskId: '1.1',
      agent: 'python-pro',
    });
    assert.deepEqual(started.userErrors, []);
    const original = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const plan = edited(original);
    const before = await countEvents(db.pool);

    const preview = await app.graphql<Preview>(previewQuery, { plan });
    assert.equal(preview.errors, undefined, JSON.stringify(preview.errors));
    const listed = preview.data?.previewPlanChanges;
    assert.ok(listed);
    assert.deepEqual(listed.userErrors, []);
    const expected = [
      ['TaskAdded', 'ADDED', '1.4', 1],
      ['TaskReestimated', 'CHANGED', '2.4', 1],
      ['TaskChanged', 'CHANGED', '3.4', 0],
      ['TaskCancelled', 'CANCELLED', '6.2', -1],
    ];
    assert.deepEqual(
      listed.changes.map((change) => [change.event, change.action, change.id, change.hoursDelta]),
      expected,
    );
    assert.equal(await countEvents(db.pool), before, 'a preview records nothing');

    const applied = await app.mutate(
      'applyPlanChanges',
      { sprintId: 'sprint-4', plan, expectedVersion: listed.version, reason: 'plan review' },
      changesSelection,
    );
    assert.deepEqual(applied.userErrors, []);
    assert.deepEqual(
      applied.events.map((event) => event.type),
      ['TaskAdded', 'TaskReestimated', 'TaskChanged', 'TaskCancelled'],
    );

    const metrics = await app.graphql<{
      metrics: {
        scope: Record<string, number | null>;
        burndown: { remainingHours: number; scopeHours: number }[];
      };
      dashboard: {
        updatedAt: string | null;
        targetCompletion: string | null;
        overview: { taskCount: number };
        criticalPath: { chains: string[][]; totalHours: number };
        scopeChanges: {
          nodes: { event: string; subject: string; hoursDelta: number; by: string }[];
        };
      };
    }>(`query { metrics(sprintId: "sprint-4") {
        scope { baselineHours currentHours addedHours removedHours changes }
        burndown { remainingHours scopeHours } }
      dashboard(sprintId: "sprint-4") { updatedAt targetCompletion
        overview { taskCount } criticalPath { chains totalHours }
        scopeChanges(first: 100) { nodes { event subject hoursDelta by } } } }`);
    assert.equal(metrics.errors, undefined, JSON.stringify(metrics.errors));
    const scope = metrics.data?.metrics.scope;
    const baseline = scope?.baselineHours ?? 0;
    assert.ok(baseline > 0);
    assert.deepEqual(scope, {
      baselineHours: baseline,
      currentHours: baseline + 1,
      addedHours: 2,
      removedHours: 1,
      changes: 4,
    });
    const burndown = metrics.data?.metrics.burndown ?? [];
    assert.deepEqual(
      burndown.map((point) => point.scopeHours),
      [baseline, baseline + 1, baseline + 2, baseline + 1],
    );
    const dashboard = metrics.data?.dashboard;
    assert.ok(dashboard);
    assert.equal(dashboard.overview.taskCount, 23 + 1 - 1);
    assert.ok(dashboard.criticalPath.chains.some((chain) => chain.includes('1.4')));
    assert.ok(dashboard.updatedAt !== null && dashboard.targetCompletion !== null);
    // The target is after the last update by at most the whole critical path.
    const ahead = Date.parse(dashboard.targetCompletion) - Date.parse(dashboard.updatedAt);
    assert.ok(ahead > 0 && ahead <= dashboard.criticalPath.totalHours * 3_600_000, String(ahead));
    assert.deepEqual(
      dashboard.scopeChanges.nodes.map((change) => [
        change.event,
        change.subject,
        change.hoursDelta,
      ]),
      [
        ['TaskCancelled', '6.2', -1],
        ['TaskChanged', '3.4', 0],
        ['TaskReestimated', '2.4', 1],
        ['TaskAdded', '1.4', 1],
      ],
    );

    const markdown = await request(app.url)
      .get('/sprints/sprint-4/dashboard.md')
      .set('authorization', `Bearer ${coordinatorToken}`);
    assert.match(markdown.text, /## Scope Changes/);
    // Once the sprint runs, its target is the forecast from its actuals, not "TBD"; the plan's
    // own figure (its start plus the critical path) stands beside the forecast.
    assert.match(
      markdown.text,
      /Target Completion: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(P50; P90 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)/,
    );
    assert.match(
      markdown.text,
      /as planned \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(\+[\d.]+h critical path\)\./,
    );
    assert.match(markdown.text, /\*\*Last Updated\*\*: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    assert.match(markdown.text, /TaskCancelled[^│\n]*│ 6\.2 /);
    assert.doesNotMatch(markdown.text, /6\.2 Update Compatibility Matrix/);
    assert.match(markdown.text, /1\.4 Review Workflow Code/);

    // The same file again changes nothing; the history and read models rebuild to the same rows.
    const again = await app.graphql<Preview>(previewQuery, { plan });
    assert.deepEqual(again.data?.previewPlanChanges.changes, []);
    const live = await readModelContents(db.pool);
    await rebuildReadModels(db.pool);
    assert.deepEqual(await readModelContents(db.pool), live);
  });

  it('refuses a plan that breaks the rules, recording nothing, and non-coordinators', async () => {
    const original = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const before = await countEvents(db.pool);
    const cycle = original.replace(
      "id: '1.1', title: Design Test Workflow Architecture, estimateHours: 1, assignees: [python-pro] }",
      "id: '1.1', title: Design Test Workflow Architecture, estimateHours: 1, assignees: [python-pro], dependsOn: ['1.3'] }",
    );
    const refused = await app.mutate('applyPlanChanges', { sprintId: 'sprint-4', plan: cycle });
    assert.deepEqual(
      refused.userErrors.map((error) => [error.code, error.field]),
      [['VALIDATION_FAILED', 'plan.phases']],
    );
    assert.equal(await countEvents(db.pool), before);
    const stale = await app.mutate('cancelTask', {
      sprintId: 'sprint-4',
      taskId: '7.1',
      reason: 'no guide',
      expectedVersion: 1,
    });
    assert.equal(stale.userErrors[0]?.code, 'VERSION_CONFLICT');
    assert.equal(await countEvents(db.pool), before);
  });

  it('changes one phase or agent at a time over GraphQL, each a scope change', async () => {
    const selection = 'events { type } userErrors { code field message } changes { event id }';
    const added = await app.mutate(
      'addAgent',
      { sprintId: 'sprint-4', agent: { name: 'docs-writer', role: 'Technical writer' } },
      selection,
    );
    assert.deepEqual(added.userErrors, []);
    assert.deepEqual(
      added.events.map((event) => event.type),
      ['AgentAdded'],
    );
    const phase = await app.mutate(
      'addPhase',
      {
        sprintId: 'sprint-4',
        phase: { number: 8, name: 'Hand-over', estimateHours: { min: 1, max: 1 }, dependsOn: [7] },
        tasks: [
          { id: '8.1', title: 'Write the hand-over', estimateHours: 1, assignees: ['docs-writer'] },
        ],
      },
      selection,
    );
    assert.deepEqual(phase.userErrors, []);
    assert.deepEqual(
      phase.events.map((event) => event.type),
      ['PhaseAdded', 'TaskAdded'],
    );
    const busy = await app.mutate('retireAgent', {
      sprintId: 'sprint-4',
      agent: 'docs-writer',
      reason: 'done',
    });
    assert.deepEqual(
      busy.userErrors.map((error) => [error.code, error.field]),
      [['INVALID_TRANSITION', 'agent']],
    );
    const cancelled = await app.mutate(
      'cancelPhase',
      { sprintId: 'sprint-4', phase: 8, reason: 'not this sprint' },
      selection,
    );
    assert.deepEqual(
      cancelled.events.map((event) => event.type),
      ['TaskCancelled', 'PhaseCancelled'],
    );
    const target = await app.mutate(
      'setQualityTarget',
      { sprintId: 'sprint-4', metric: 'Hand-over Notes', target: '100%' },
      selection,
    );
    assert.deepEqual(
      target.events.map((event) => event.type),
      ['QualityTargetAdded'],
    );
    const unknown = await app.mutate('cancelDeliverable', {
      sprintId: 'sprint-4',
      deliverableId: 'D-99',
      reason: 'no such thing',
    });
    assert.deepEqual(
      unknown.userErrors.map((error) => [error.code, error.field]),
      [['NOT_FOUND', 'deliverableId']],
    );
    const retired = await app.mutate(
      'retireAgent',
      { sprintId: 'sprint-4', agent: 'docs-writer', reason: 'not needed' },
      selection,
    );
    assert.deepEqual(
      retired.events.map((event) => event.type),
      ['AgentRetired'],
    );
  });
});
