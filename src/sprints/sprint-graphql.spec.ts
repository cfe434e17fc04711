import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildSchema, isObjectType } from 'graphql';
import { now } from '../../test/builders/given-when-then.js';
import { sprint4Events } from '../../test/builders/sprint-4-play.js';
import { repoRoot } from '../../test/support/environment.js';
import { parseSprintPlan } from './plan/plan-document.js';
import { fold } from './sprint.js';

/**
 * The code-first GraphQL classes restate the state's shape: held to it here, field for field,
 * against a state that has every kind of record (the reference sprint, played).
 */
describe('the GraphQL object types', () => {
  const schema = buildSchema(readFileSync(`${repoRoot}/schema.graphql`, 'utf8'));
  const plan = parseSprintPlan(readFileSync(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
  const state = fold(
    null,
    sprint4Events(plan, () => now),
  );
  const fieldsOf = (name: string) => {
    const type = schema.getType(name);
    assert.ok(isObjectType(type), name);
    return Object.keys(type.getFields()).sort();
  };
  /** What the API shows otherwise: an agent's declared readiness is its status, READY. */
  const notShown: Readonly<Record<string, readonly string[]>> = { Agent: ['declaredReady'] };
  const keysOf = (record: object | undefined, type = '') =>
    Object.keys(record ?? {})
      .filter((key) => !(notShown[type] ?? []).includes(key))
      .sort();

  it('show every field of each state record, and nothing else', () => {
    const records = {
      Agent: state.agents,
      Phase: state.phases,
      Task: state.tasks,
      Blocker: state.blockers,
      Issue: state.issues,
      Communication: state.communications,
      Checkpoint: state.checkpoints,
      Deliverable: state.deliverables,
      Risk: state.risks,
      QualityTarget: state.qualityTargets,
    };
    for (const [type, all] of Object.entries(records)) {
      const [first] = Object.values(all as Record<string, object>);
      assert.ok(first, `the played sprint has a ${type}`);
      assert.deepEqual(fieldsOf(type), keysOf(first, type), type);
    }
    const answered = Object.values(state.communications).find((message) => message.answer);
    assert.deepEqual(fieldsOf('Answer'), keysOf(answered?.answer ?? undefined));
  });

  it('show the sprint as its state, with its version', () => {
    assert.deepEqual(fieldsOf('Sprint'), [...keysOf(state), 'version'].sort());
    assert.deepEqual(fieldsOf('HourRange'), keysOf(state.targetHours));
  });
});
