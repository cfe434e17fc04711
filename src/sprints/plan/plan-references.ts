import { AppError } from '../../common/errors.js';
import type { SprintPlan } from './plan-document.js';

const fail = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, `plan.${field}`);
};

function unique(values: readonly (string | number)[], field: string): void {
  const seen = new Set<string | number>();
  values.forEach((value, index) => {
    if (seen.has(value)) fail(`${field}[${index}]`, `${String(value)} appears twice`);
    seen.add(value);
  });
}

/**
 * What the plan schema cannot say: that every reference in the plan points at something. A
 * plan changed mid-sprint names its complete tasks as `settled`: their assignees are history
 * (an agent who did one may have retired since) and are not checked.
 */
export function validatePlan(plan: SprintPlan, settled: ReadonlySet<string> = new Set()): void {
  const taskIds = plan.phases.flatMap((phase) => phase.tasks.map((task) => task.id));
  const lists: [readonly (string | number)[], string][] = [
    [plan.agents.map((agent) => agent.name), 'agents'],
    [plan.phases.map((phase) => phase.number), 'phases'],
    [taskIds, 'tasks'],
    [plan.deliverables.map((deliverable) => deliverable.id), 'deliverables'],
    [plan.checkpoints.map((checkpoint) => checkpoint.id), 'checkpoints'],
    [plan.risks.map((risk) => risk.id), 'risks'],
    [plan.commands.map((commands) => commands.agent), 'commands'],
    [plan.nextSteps.map((step) => step.id), 'nextSteps'],
  ];
  for (const [values, field] of lists) unique(values, field);
  if (plan.targetHours.min > plan.targetHours.max) fail('targetHours', 'min is more than max');
  checkPhases(plan, new Set(taskIds), settled);
  const phases = new Set(plan.phases.map((phase) => phase.number));
  plan.deliverables.forEach((deliverable, index) => {
    if (deliverable.phase !== null && !phases.has(deliverable.phase)) {
      fail(`deliverables[${index}].phase`, `unknown phase ${deliverable.phase}`);
    }
  });
  plan.checkpoints.forEach((checkpoint, index) => {
    if (!phases.has(checkpoint.phase)) {
      fail(`checkpoints[${index}].phase`, `unknown phase ${checkpoint.phase}`);
    }
  });
  const agents = new Set(plan.agents.map((agent) => agent.name));
  plan.commands.forEach((commands, index) => {
    if (!agents.has(commands.agent)) {
      fail(`commands[${index}].agent`, `commands for unknown agent ${commands.agent}`);
    }
  });
  const cycle = dependencyCycle(plan);
  if (cycle) fail('phases', `dependencies form a cycle: ${cycle.join(' -> ')}`);
}

function checkPhases(
  plan: SprintPlan,
  tasks: ReadonlySet<string>,
  settled: ReadonlySet<string>,
): void {
  const agents = new Set(plan.agents.map((agent) => agent.name));
  const phases = new Set(plan.phases.map((phase) => phase.number));
  plan.phases.forEach((phase, p) => {
    if (phase.estimateHours.min > phase.estimateHours.max) {
      fail(`phases[${p}].estimateHours`, 'min is more than max');
    }
    phase.dependsOn.forEach((number, d) => {
      if (!phases.has(number) || number === phase.number) {
        fail(
          `phases[${p}].dependsOn[${d}]`,
          `phase ${phase.number} depends on unknown phase ${number}`,
        );
      }
    });
    phase.tasks.forEach((task, t) => {
      const estimate = task.estimateHours;
      if (typeof estimate !== 'number' && estimate.min > estimate.max) {
        fail(`phases[${p}].tasks[${t}].estimateHours`, 'min is more than max');
      }
      task.assignees.forEach((name, a) => {
        if (!agents.has(name) && !settled.has(task.id)) {
          fail(
            `phases[${p}].tasks[${t}].assignees[${a}]`,
            `task ${task.id}: unknown agent ${name}`,
          );
        }
      });
      task.dependsOn.forEach((id, d) => {
        if (!tasks.has(id) || id === task.id) {
          fail(
            `phases[${p}].tasks[${t}].dependsOn[${d}]`,
            `task ${task.id} depends on unknown task ${id}`,
          );
        }
      });
    });
  });
}

/**
 * A cycle in the task graph (phase and task dependencies together), if there is one. A phase
 * that others wait for is one node (`Phase N`) after all its tasks, so 20 phases of 500 tasks in
 * a row make 20,000 edges, not 5,000,000: linear in tasks and dependencies.
 */
function dependencyCycle(plan: SprintPlan): string[] | null {
  const gate = (number: number) => `Phase ${number}`;
  const predecessors = new Map<string, string[]>();
  for (const phase of plan.phases) {
    const before = phase.dependsOn.map(gate);
    for (const task of phase.tasks) predecessors.set(task.id, [...before, ...task.dependsOn]);
    predecessors.set(
      gate(phase.number),
      phase.tasks.map((task) => task.id),
    );
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const before of predecessors.get(id) ?? []) {
      const found = visit(before);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of predecessors.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}
