import { performance } from 'node:perf_hooks';
import { bigPlan } from '../../test/builders/big-plan.builder.js';
import type { GraphqlClient } from '../support/client.js';
import { longestStall, type Served } from '../support/processes.js';
import { record, sequence } from '../support/report.js';

const importMutation = `mutation ($input: ImportSprintPlanInput!) {
  importSprintPlan(input: $input) { sprint { id } userErrors { code message } } }`;
const dashboardQuery = `query ($id: ID!) { dashboard(sprintId: $id) {
  overview { progressPercent } agents { nextTask { id } }
  criticalPath { totalHours chains } } }`;

/** A 10,000-task plan over HTTP: import, dashboard, markdown, and the longest stall meanwhile. */
export async function bigPlanScenario(
  service: GraphqlClient,
  served: Served,
  token: string,
  rounds: number,
): Promise<void> {
  const plan = bigPlan('big-plan');
  const tasks = plan.phases.length * (plan.phases[0]?.tasks.length ?? 0);
  await longestStall(served.origin); // resets the stall histogram
  const started = performance.now();
  const answer = await service<{ importSprintPlan: { userErrors: unknown[] } }>(importMutation, {
    input: { plan: JSON.stringify(plan) },
  });
  const importMs = performance.now() - started;
  if (answer.importSprintPlan.userErrors.length)
    throw new Error(JSON.stringify(answer.importSprintPlan.userErrors));
  const importStall = await longestStall(served.origin);
  const dashboard = await sequence(rounds, async () => {
    await service(dashboardQuery, { id: plan.key });
  });
  const markdown = await sequence(rounds, async () => {
    const response = await fetch(`${served.origin}/sprints/${plan.key}/dashboard.md`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`markdown: ${response.status}`);
    await response.text();
  });
  const readStall = await longestStall(served.origin);
  const scenario = `plan of ${tasks} tasks`;
  record({
    scenario,
    measure: 'import',
    value: importMs,
    unit: 'ms',
    baseline: 5000,
    baselineName: 'the goal',
    goal: '<= 1',
  });
  record({
    scenario,
    measure: 'dash p50',
    value: dashboard.p50,
    unit: 'ms',
    baseline: 200,
    baselineName: 'the goal',
    goal: '<= 1',
  });
  record({
    scenario,
    measure: 'md p50',
    value: markdown.p50,
    unit: 'ms',
    baseline: 200,
    baselineName: 'the dashboard goal',
    goal: '<= 1',
  });
  record({
    scenario,
    measure: 'stall',
    value: Math.max(importStall, readStall),
    unit: 'ms',
    baseline: 50,
    baselineName: 'the goal: longest event-loop stall',
    goal: '<= 1',
  });
}
