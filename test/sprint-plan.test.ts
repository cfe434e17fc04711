import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { AppError } from '../src/common/errors.js';
import { maxPlanTasks, parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { bigPlan } from './builders/big-plan.builder.js';
import { repoRoot } from './support/environment.js';

const fixture = () => readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');

function refusal(text: string): AppError {
  try {
    parseSprintPlan(text);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  return assert.fail('expected the plan to be refused');
}

describe('sprint plans', () => {
  it('reads the Sprint 4 fixture from YAML, and the same plan from JSON', async () => {
    const plan = parseSprintPlan(await fixture());
    assert.equal(plan.key, 'sprint-4');
    assert.equal(plan.agents.length, 3);
    assert.equal(plan.phases.length, 7);
    assert.equal(plan.phases.flatMap((phase) => phase.tasks).length, 23);
    assert.equal(plan.deliverables.length, 12);
    assert.equal(plan.checkpoints.length, 4);
    assert.equal(plan.risks.length, 5);
    assert.equal(plan.qualityTargets.length, 7);
    assert.deepEqual(parseSprintPlan(JSON.stringify(plan)), plan);
    // Text that opens like JSON but is YAML (a flow mapping) is read as YAML.
    const flow = stringifyYaml(plan, { collectionStyle: 'flow' });
    assert.ok(flow.startsWith('{') && !flow.startsWith('{"'), 'a YAML flow mapping');
    assert.deepEqual(parseSprintPlan(flow), plan);
    assert.equal(
      refusal(JSON.stringify(plan).slice(0, -1)).field,
      'plan',
      'JSON cut short is refused',
    );
  });

  it('fills in what a plan may leave out', () => {
    const plan = parseSprintPlan(`
key: tiny
name: Tiny
targetHours: { min: 1, max: 2 }
agents: [{ name: dev, role: Developer }]
phases:
  - number: 1
    name: Only
    estimateHours: { min: 1, max: 2 }
    tasks: [{ id: '1.1', title: Do it, estimateHours: 1, assignees: [dev] }]
`);
    assert.deepEqual(plan.agents, [
      { name: 'dev', role: 'Developer', backup: null, criticalDependencies: [] },
    ]);
    const [phase] = plan.phases;
    assert.ok(phase);
    assert.deepEqual(phase.dependsOn, []);
    assert.equal(phase.criticalPath, false);
    assert.deepEqual(plan.deliverables, []);
    assert.equal(plan.branch, null);
  });

  it('names the field at fault when the plan breaks the schema', async () => {
    const text = await fixture();
    const extra = refusal(
      text.replace('    criticalPath: true\n', '    criticalPath: true\n    owner: me\n'),
    );
    assert.equal(extra.code, 'VALIDATION_FAILED');
    assert.equal(extra.field, 'plan.phases[2].owner');

    const missing = refusal(text.replace(/^name: .*$/m, ''));
    assert.equal(missing.field, 'plan.name');

    const wrongEnum = refusal(text.replace('category: CODE', 'category: PAINTING'));
    assert.equal(wrongEnum.field, 'plan.deliverables[0].category');

    const negative = refusal(
      text.replace(
        'estimateHours: 1, assignees: [python-pro]',
        'estimateHours: -1, assignees: [python-pro]',
      ),
    );
    assert.equal(negative.field, 'plan.phases[0].tasks[0].estimateHours');
  });

  it(`takes a plan of ${maxPlanTasks} tasks and refuses one more, naming the limit`, () => {
    const largest = parseSprintPlan(JSON.stringify(bigPlan('largest', 20, 500)));
    assert.equal(
      largest.phases.reduce((sum, phase) => sum + phase.tasks.length, 0),
      maxPlanTasks,
    );
    const text = JSON.stringify(bigPlan('too-big', 21, 477));
    assert.ok(text.length < 2_000_000, 'refused for its tasks, not for its length');
    const error = refusal(text);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.field, 'plan.phases');
    assert.match(error.message, /at most 10000 tasks in all, not 10017/);
  });

  it('refuses text that is not YAML or JSON at all', () => {
    const error = refusal('key: [unclosed');
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.field, 'plan');
  });

  it('is described by contract/sprint-plan.schema.json, which other tools can check a plan with', async () => {
    const schema = JSON.parse(
      await readFile(`${repoRoot}/contract/sprint-plan.schema.json`, 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const document = parseYaml(await fixture()) as Record<string, unknown>;
    assert.ok(validate(document), JSON.stringify(validate.errors));
    assert.equal(validate({ ...document, name: undefined }), false, 'a plan without a name');
    assert.equal(validate({ ...document, owner: 'me' }), false, 'a field no plan has');
  });
});
