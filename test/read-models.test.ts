import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../src/access/principal.js';
import { Clock } from '../src/common/clock.js';
import { AppError } from '../src/common/errors.js';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { createSprintLedger } from '../src/sprint-ledger.factory.js';
import { type SprintCommand } from '../src/sprints/sprint.js';
import { issueMoves } from '../src/sprints/model/rules.js';
import { type SprintState } from '../src/sprints/model/state.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot } from './support/environment.js';
import { readModelContents } from './support/read-models.js';

/** A small deterministic random source, so a failing scenario can be played again. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T | undefined {
      return items[Math.floor(next() * items.length)];
    },
  };
}

/** A command that the rules should accept in this state, chosen at random. */
type Choice = () => SprintCommand | undefined;

/** Commands on tasks and blockers that the state allows now. */
function workChoices(state: SprintState, rng: ReturnType<typeof random>, step: number): Choice[] {
  const tasks = Object.values(state.tasks);
  const openBlockers = Object.values(state.blockers).filter((blocker) => blocker.status === 'OPEN');
  const done = (id: string) => state.tasks[id]?.status === 'COMPLETE';
  const ready = tasks.filter(
    (task) =>
      task.status === 'NOT_STARTED' &&
      task.dependsOn.every(done) &&
      (state.phases[String(task.phase)]?.dependsOn ?? []).every(
        (number) => state.phases[String(number)]?.status === 'COMPLETE',
      ),
  );
  const running = tasks.filter((task) => task.status === 'IN_PROGRESS');
  const started = tasks.filter((task) => task.status !== 'NOT_STARTED');
  return [
    () => {
      if (openBlockers.length > 0) return undefined;
      const task = rng.pick(ready);
      return task && { kind: 'StartTask', taskId: task.id, agent: task.assignees[0] ?? '' };
    },
    () => {
      const task = rng.pick(running);
      return task && { kind: 'CompleteTask', taskId: task.id };
    },
    () => {
      const task = rng.pick(started);
      return (
        task && {
          kind: 'LogHours',
          taskId: task.id,
          agent: task.assignees[0] ?? '',
          hours: Math.round(rng.next() * 100) / 100 + 0.01,
        }
      );
    },
    () => {
      const task = rng.pick(running);
      return {
        kind: 'RaiseBlocker',
        severity: rng.pick(['P1', 'P2', 'P3'] as const) ?? 'P3',
        agent: task?.activeAgent ?? 'qa-engineer',
        taskId: task?.id ?? null,
        description: `blocker at step ${step}`,
      };
    },
    () => {
      const blocker = rng.pick(openBlockers);
      return (
        blocker && { kind: 'ResolveBlocker', blockerId: blocker.id, resolution: `step ${step}` }
      );
    },
  ];
}

/** Commands on issues, messages, risks, metrics, deliverables and checkpoints. */
function recordChoices(state: SprintState, rng: ReturnType<typeof random>, step: number): Choice[] {
  return [
    () => ({
      kind: 'ReportIssue',
      severity: rng.pick(['P0', 'P1', 'P2', 'P3'] as const) ?? 'P2',
      title: `issue at step ${step}`,
      phase: 1 + Math.floor(rng.next() * 7),
      assignee: rng.pick(Object.keys(state.agents)) ?? null,
    }),
    () => {
      const issue = rng.pick(
        Object.values(state.issues).filter((candidate) => candidate.status !== 'CLOSED'),
      );
      const to = issue && rng.pick(issueMoves[issue.status]);
      return issue && to && { kind: 'MoveIssue', issueId: issue.id, to };
    },
    () => ({
      kind: 'LogCommunication',
      from: rng.pick(Object.keys(state.agents)) ?? 'coordinator',
      to: rng.pick([...Object.keys(state.agents), null]) ?? null,
      subject: `subject ${step}`,
      body: `body ${step}`,
      type: rng.pick(['REQUEST', 'QUESTION', 'NOTIFICATION'] as const) ?? 'NOTIFICATION',
    }),
    () => {
      const question = rng.pick(
        Object.values(state.communications).filter(
          (message) =>
            message.answer === null && (message.type === 'REQUEST' || message.type === 'QUESTION'),
        ),
      );
      return (
        question && {
          kind: 'AnswerCommunication',
          communicationId: question.id,
          answeredBy: 'coordinator',
          answer: `answer ${step}`,
        }
      );
    },
    () => {
      const risk = rng.pick(Object.values(state.risks));
      const status = rng.pick(['ACTIVE', 'TRIGGERED', 'MITIGATED'] as const);
      return risk && status && status !== risk.status
        ? { kind: 'ChangeRiskStatus', riskId: risk.id, status, note: null }
        : undefined;
    },
    () => {
      const metric = rng.pick(Object.keys(state.qualityTargets));
      return metric === undefined
        ? undefined
        : { kind: 'RecordQualityMetric', metric, value: `${step}%` };
    },
    () => {
      const deliverable = rng.pick(Object.values(state.deliverables));
      if (!deliverable) return undefined;
      return deliverable.done
        ? { kind: 'ReopenDeliverable', deliverableId: deliverable.id, reason: 'again' }
        : { kind: 'CompleteDeliverable', deliverableId: deliverable.id };
    },
    () => {
      const checkpoint = rng.pick(
        Object.values(state.checkpoints).filter((candidate) => candidate.status !== 'PASSED'),
      );
      if (!checkpoint) return undefined;
      if (state.phases[String(checkpoint.phase)]?.status === 'COMPLETE') {
        return { kind: 'PassCheckpoint', checkpointId: checkpoint.id, result: 'met' };
      }
      return checkpoint.status === 'FAILED'
        ? { kind: 'StartCheckpoint', checkpointId: checkpoint.id }
        : { kind: 'FailCheckpoint', checkpointId: checkpoint.id, reason: 'not yet' };
    },
  ];
}

function nextCommand(
  state: SprintState,
  rng: ReturnType<typeof random>,
  step: number,
): SprintCommand {
  const choices = [...workChoices(state, rng, step), ...recordChoices(state, rng, step)];
  for (;;) {
    const command = rng.pick(choices)?.();
    if (command) return command;
  }
}

describe('read models', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('rebuild from the log to exactly the rows a long random scenario left', async () => {
    const commands = createSprintLedger(db.pool, new Clock());
    const actor = { principal: systemPrincipal('scenario') };
    const plan = parseSprintPlan(await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
    let { state } = await commands.execute(plan.key, { kind: 'PlanSprint', plan }, actor);
    const rng = random(20261125);
    let accepted = 0;
    let refused = 0;
    for (let step = 0; accepted < 2000; step += 1) {
      try {
        ({ state } = await commands.execute(plan.key, nextCommand(state, rng, step), actor));
        accepted += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused += 1;
      }
    }
    console.log(`random scenario: ${accepted} accepted mutations, ${refused} refused`);
    assert.ok(refused < accepted / 10, 'the scenario is mostly valid');

    const live = await readModelContents(db.pool);
    assert.equal(live.sprint_tasks?.length, 23);
    assert.ok((live.sprint_history?.length ?? 0) >= 2000);

    await rebuildReadModels(db.pool);

    assert.deepEqual(await readModelContents(db.pool), live);

    // Read, folded and written a few events at a time, the log gives the very same rows.
    await rebuildReadModels(db.pool, undefined, { pageSize: 7 });

    assert.deepEqual(await readModelContents(db.pool), live);
  });

  it('rebuild keeps, byte for byte, text that COPY must escape', async () => {
    const commands = createSprintLedger(db.pool, new Clock());
    const actor = { principal: systemPrincipal('scenario') };
    const plan = parseSprintPlan(await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
    const key = 'copy-escapes';
    await commands.execute(key, { kind: 'PlanSprint', plan: { ...plan, key } }, actor);
    const awkward = [
      'tab\there',
      'line\nbreak\r\n',
      'back\\slash \\N \\.',
      '\\N',
      '\n\\.\n',
      '💥 "quoted"',
    ];
    for (const text of awkward) {
      await commands.execute(
        key,
        {
          kind: 'LogCommunication',
          from: 'qa-engineer',
          subject: text,
          body: text,
          type: 'NOTIFICATION',
        },
        actor,
      );
      await commands.execute(
        key,
        { kind: 'ReportIssue', severity: 'P3', title: text, phase: 1, description: text },
        actor,
      );
    }
    const live = await readModelContents(db.pool);
    const stored = (table: string, column: string) =>
      new Set(live[table]?.map((row) => (row as Record<string, unknown>)[column]));
    for (const text of awkward) {
      assert.ok(stored('sprint_communications', 'body').has(text), JSON.stringify(text));
      assert.ok(stored('sprint_issues', 'title').has(text), JSON.stringify(text));
    }

    await rebuildReadModels(db.pool);

    assert.deepEqual(await readModelContents(db.pool), live);
  });
});
