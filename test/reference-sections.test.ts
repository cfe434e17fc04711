import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';
import { readModelContents } from './support/read-models.js';

const sectionsQuery = `{ sprint(id: "sprint-4") {
  escalation contacts { role agent backup } fileLocations { group paths }
  commands { agent blocks { title lines } }
  nextSteps { id title done doneBy doneAt }
  tasks { id estimateHours estimateRange { min max } }
  deliverables { id name path } } }`;

interface Sections {
  sprint: {
    escalation: string | null;
    contacts: { role: string; agent: string; backup: string | null }[];
    fileLocations: { group: string; paths: string[] }[];
    commands: { agent: string; blocks: { title: string; lines: string[] }[] }[];
    nextSteps: {
      id: string;
      title: string;
      done: boolean;
      doneBy: string | null;
      doneAt: string | null;
    }[];
    tasks: {
      id: string;
      estimateHours: number;
      estimateRange: { min: number; max: number } | null;
    }[];
    deliverables: { id: string; name: string; path: string | null }[];
  };
}

const pathQuery = `{ dashboard(sprintId: "sprint-4") { criticalPath { totalHours baselineHours baselineChain } } }`;
interface PathData {
  dashboard: {
    criticalPath: {
      totalHours: number;
      baselineHours: number | null;
      baselineChain: string[] | null;
    };
  };
}

describe('the rest of the reference document, stored and shown', () => {
  let db: TestDatabase;
  let app: TestApp;
  const markdown = async () =>
    (
      await request(app.url)
        .get('/sprints/sprint-4/dashboard.md')
        .set('authorization', `Bearer ${coordinatorToken}`)
    ).text;
  const sections = async () => {
    const body = await app.graphql<Sections>(sectionsQuery);
    assert.ok(body.data, JSON.stringify(body.errors));
    return body.data.sprint;
  };

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    await app.importDemoSprint();
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('holds the demo plan’s command reference, next steps, contacts, file locations, ranges and paths', async () => {
    const sprint = await sections();
    assert.equal(sprint.escalation, 'User (gerald)');
    assert.deepEqual(
      sprint.contacts.map((contact) => contact.role),
      ['Coordinator', 'Infrastructure', 'Development', 'Testing'],
    );
    assert.deepEqual(
      sprint.commands.map((commands) => [commands.agent, commands.blocks.length]),
      [
        ['devops-engineer', 6],
        ['python-pro', 4],
        ['qa-engineer', 4],
      ],
    );
    assert.deepEqual(
      sprint.nextSteps.map((step) => step.id),
      ['NS-1', 'NS-2', 'NS-3', 'NS-4'],
    );
    assert.equal(sprint.fileLocations.length, 5);
    const task = sprint.tasks.find((each) => each.id === '5.2');
    assert.deepEqual(task, { id: '5.2', estimateHours: 2, estimateRange: { min: 1, max: 2 } });
    const deliverable = sprint.deliverables.find((each) => each.id === 'D-06');
    assert.deepEqual(deliverable, {
      id: 'D-06',
      name: 'Deployment guide',
      path: 'docs/TEMPORAL_DEPLOYMENT.md',
    });
    const text = await markdown();
    for (const heading of [
      'Quick Command Reference',
      'Next Steps',
      'Emergency Contacts',
      'File Locations',
    ]) {
      assert.match(text, new RegExp(`^## ${heading}$`, 'm'));
    }
    assert.match(text, /^### For devops-engineer$/m);
    assert.match(text, /^Technical Escalation│ User \(gerald\) {6}│ -$/m);
    assert.match(text, /5\.2 Fix Deployment Issues +\[0\/1-2h\]/);
    assert.match(text, /^ {2}□ docs\/TEMPORAL_DEPLOYMENT\.md$/m);
  });

  it('checks a next step off by an event, once, and keeps it checked through a plan change', async () => {
    const checked = await app.mutate(
      'checkNextStep',
      { sprintId: 'sprint-4', stepId: 'NS-1', by: 'python-pro' },
      'nextStep { done doneBy }',
    );
    assert.deepEqual(checked.userErrors, []);
    assert.deepEqual(
      checked.events.map((event) => event.type),
      ['NextStepChecked'],
    );
    assert.match(
      await markdown(),
      /^1\. ✓ \*\*Obtain execution approval\*\* \(done by python-pro, /m,
    );
    const before = await countEvents(db.pool);
    const again = await app.mutate('checkNextStep', { sprintId: 'sprint-4', stepId: 'NS-1' });
    assert.deepEqual(
      again.userErrors.map((error) => [error.code, error.field]),
      [['INVALID_TRANSITION', 'stepId']],
    );
    const stranger = await app.mutate('setCommands', {
      sprintId: 'sprint-4',
      agent: 'constructor',
      blocks: [{ title: 'x', lines: ['y'] }],
    });
    assert.deepEqual(
      stranger.userErrors.map((error) => [error.code, error.field]),
      [['VALIDATION_FAILED', 'agent']],
    );
    assert.equal(await countEvents(db.pool), before, 'a refused change records nothing');

    // The plan file edited: a step reworded, a group of paths added; the check mark stays.
    const original = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const plan = original
      .replace('title: Obtain execution approval', 'title: Obtain approval to execute')
      .replace(
        '  - group: Documentation\n',
        '  - group: Reports\n    paths: [/tmp/reports/]\n  - group: Documentation\n',
      );
    const applied = await app.mutate(
      'applyPlanChanges',
      { sprintId: 'sprint-4', plan, reason: 'wording' },
      'changes { event element id }',
    );
    assert.deepEqual(applied.userErrors, []);
    assert.deepEqual(
      applied.events.map((event) => event.type),
      ['NextStepChanged', 'FileLocationsChanged'],
    );
    const sprint = await sections();
    assert.deepEqual(sprint.nextSteps[0], {
      id: 'NS-1',
      title: 'Obtain approval to execute',
      done: true,
      doneBy: 'python-pro',
      doneAt: sprint.nextSteps[0]?.doneAt,
    });
    assert.deepEqual(sprint.fileLocations.map((group) => group.group).slice(-2), [
      'Reports',
      'Documentation',
    ]);

    const contacts = await app.mutate('setContacts', {
      sprintId: 'sprint-4',
      contacts: [{ role: 'Coordinator', agent: 'multi-agent-coord' }],
      escalation: null,
    });
    assert.deepEqual(
      contacts.events.map((event) => event.type),
      ['ContactsChanged'],
    );
    assert.match(await markdown(), /^Technical Escalation│ the coordinator {4}│ -$/m);
  });

  it('reads the critical path against the baseline once the sprint runs, and rebuilds the same', async () => {
    const planned = await app.graphql<PathData>(pathQuery);
    assert.equal(planned.data?.dashboard.criticalPath.baselineHours, null);
    const started = await app.mutate('startTask', {
      sprintId: 'sprint-4',
      taskId: '2.1',
      agent: 'devops-engineer',
    });
    assert.deepEqual(started.userErrors, []);
    const atStart = (await app.graphql<PathData>(pathQuery)).data?.dashboard.criticalPath;
    assert.ok(atStart);
    assert.equal(atStart.baselineHours, atStart.totalHours);
    const critical = atStart.baselineChain?.at(-1) ?? assert.fail('no chain');
    const longer = await app.mutate('changeTask', {
      sprintId: 'sprint-4',
      taskId: critical,
      estimateHours: 3,
      estimateMinHours: 2,
    });
    assert.deepEqual(longer.userErrors, []);
    const now = (await app.graphql<PathData>(pathQuery)).data?.dashboard.criticalPath;
    assert.ok(now);
    assert.equal(now.baselineHours, atStart.baselineHours, 'the baseline stays');
    assert.ok(now.totalHours > atStart.totalHours, 'the path now is longer');
    const text = await markdown();
    assert.match(
      text,
      new RegExp(`Baseline Critical Path: ${atStart.baselineHours} hours at the start, `),
    );
    assert.match(text, new RegExp(`${critical.replace('.', '\\.')} [^\\n]*\\[0/2-3h\\]`));

    const live = await readModelContents(db.pool);
    await rebuildReadModels(db.pool);
    assert.deepEqual(await readModelContents(db.pool), live);
  });
});
