import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { given, now } from '../../test/builders/given-when-then.js';
import { sprint4Ends, sprint4Play } from '../../test/builders/sprint-4-play.js';
import { repoRoot } from '../../test/support/environment.js';
import { parseSprintPlan } from './plan/plan-document.js';
import type { SprintEvent } from './sprint-events.js';
import { decide, fold } from './sprint.js';

describe('the reference sprint, played by its rules', () => {
  const plan = parseSprintPlan(readFileSync(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));

  it('records what each step records and refuses what the rules refuse', () => {
    let events: SprintEvent[] = decide({ kind: 'PlanSprint', plan }, null, { now });
    for (const step of sprint4Play) {
      if (step.refused) {
        const error = given(events)
          .when(step.command)
          .thenRefused(step.refused.code, step.refused.field);
        if (step.refused.message) assert.match(error.message, step.refused.message);
        continue;
      }
      const recorded = decide(step.command, fold(null, events), { now });
      assert.ok(recorded.length > 0, step.command.kind);
      if (step.records) {
        assert.deepEqual(
          recorded.map((event) => event.type),
          step.records,
        );
      }
      events = [...events, ...recorded];
      if (step.command.kind === 'StartTask') assert.equal(fold(null, events).status, 'ACTIVE');
    }

    const state = fold(null, events);
    assert.deepEqual(
      Object.values(state.phases).map((phase) => phase.status),
      sprint4Ends.phases,
    );
    assert.deepEqual(
      Object.values(state.checkpoints).map((checkpoint) => checkpoint.status),
      sprint4Ends.checkpoints,
    );
    assert.deepEqual(
      Object.values(state.issues).map((issue) => [issue.id, issue.status, issue.assignee]),
      [['I-1', 'CLOSED', 'qa-engineer']],
    );
    assert.ok(Object.values(state.blockers).every((blocker) => blocker.status === 'RESOLVED'));
    assert.equal(state.tasks['2.1']?.actualHours, 1.5);
    assert.equal(state.risks['R-3']?.status, 'TRIGGERED');
    assert.equal(state.qualityTargets['Test Coverage']?.actual, '84%');
  });
});
