import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { SprintPlan } from '../../src/sprints/plan/plan-document.js';
import { defaultTiming } from '../../src/sprints/plan/plan.events.js';
import type { GraphqlClient } from '../support/client.js';
import type { Served } from '../support/processes.js';
import { percentile, record } from '../support/report.js';
import { noSections } from '../../test/builders/sprint-plan.builder.js';

const agentsPerSprint = 100; // a plan's most
const heartbeatMutation = `mutation ($input: HeartbeatInput!) {
  heartbeat(input: $input) { events { eventId } userErrors { code message } } }`;
const claimMutation = `mutation ($input: ClaimTaskInput!) {
  claimTask(input: $input) { userErrors { code message } } }`;

/** A sprint of 100 agents, each with one task of its own: a task for each to hold. */
function crowdPlan(key: string, leaseSeconds: number): SprintPlan {
  const agents = Array.from({ length: agentsPerSprint }, (_, index) => `agent-${index}`);
  return {
    key,
    name: `Crowd ${key}`,
    branch: null,
    startDate: null,
    targetHours: { min: 8, max: 10 },
    criticalPathHours: null,
    bufferedHours: null,
    agents: agents.map((name) => ({
      name,
      role: 'Worker',
      backup: null,
      criticalDependencies: [],
    })),
    phases: [
      {
        number: 1,
        name: 'Work',
        estimateHours: { min: 8, max: 10 },
        dependsOn: [],
        criticalPath: true,
        riskLevel: null,
        tasks: agents.map((name, index) => ({
          id: `t-${index}`,
          title: `Task of ${name}`,
          estimateHours: 8,
          assignees: [name],
          dependsOn: [],
        })),
      },
    ],
    ...noSections,
    timing: { ...defaultTiming, leaseSeconds },
  };
}

/** CPU seconds a process has used (user + system), from /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid ?? 0}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * 1,000 agents (ten sprints of 100) on leases, each heartbeating every 10 s, for `seconds`:
 * what it costs the service in events, writes and CPU. The lease is 30 s, the shortest the
 * bench could reasonably ask of an agent, so renewals (one per half lease) are as frequent as
 * they get; on the default 300 s lease they are ten times rarer.
 */
export async function heartbeatScenario(options: {
  readonly service: GraphqlClient;
  readonly served: Served;
  readonly pool: Pool;
  readonly seconds: number;
}): Promise<void> {
  const { service, served, pool, seconds } = options;
  const agents = 1_000;
  const periodMs = 10_000;
  const sprints = Array.from({ length: agents / agentsPerSprint }, (_, index) => `crowd-${index}`);
  const holders: { sprintId: string; taskId: string; agent: string }[] = [];
  for (const sprintId of sprints) {
    await service(
      `mutation ($input: ImportSprintPlanInput!) { importSprintPlan(input: $input) { userErrors { code } } }`,
      { input: { plan: JSON.stringify(crowdPlan(sprintId, 30)) } },
    );
    for (let index = 0; index < agentsPerSprint; index += 1) {
      const holder = { sprintId, taskId: `t-${index}`, agent: `agent-${index}` };
      await service(claimMutation, { input: holder });
      holders.push(holder);
    }
  }
  const eventCount = async () =>
    Number((await pool.query<{ count: string }>('SELECT count(*) FROM events')).rows[0]?.count);
  const latencies: number[] = [];
  let refused = 0;
  const beat = async (holder: (typeof holders)[number]) => {
    const sent = performance.now();
    const answer = await service<{ heartbeat: { userErrors: unknown[] } }>(heartbeatMutation, {
      input: holder,
    });
    latencies.push(performance.now() - sent);
    if (answer.heartbeat.userErrors.length) refused += 1;
  };
  const eventsBefore = await eventCount();
  const cpuBefore = await cpuSeconds(served.child.pid);
  const started = performance.now();
  // Open loop: each agent beats on its own schedule, spread evenly over the period.
  const beats: Promise<void>[] = [];
  for (let tick = 0; tick * (periodMs / agents) < seconds * 1000; tick += 1) {
    const due = started + tick * (periodMs / agents);
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    beats.push(beat(holders[tick % agents] ?? { sprintId: '', taskId: '', agent: '' }));
  }
  await Promise.all(beats);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(served.child.pid)) - cpuBefore;
  const events = (await eventCount()) - eventsBefore;
  if (refused > 0) throw new Error(`${refused} heartbeats were refused`);
  const scenario = '1,000 agents beating every 10 s, 30 s lease';
  const offered = beats.length / elapsed;
  record({
    scenario,
    measure: 'beats/s',
    value: offered,
    unit: '/s',
    baseline: agents / (periodMs / 1000),
    baselineName: 'the load asked for',
  });
  record({
    scenario,
    measure: 'events/s',
    value: events / elapsed,
    unit: '/s',
    baseline: offered,
    baselineName: 'one event per heartbeat',
    goal: '<= 0.5',
  });
  record({
    scenario,
    measure: 'CPU',
    value: (cpu / elapsed) * 100,
    unit: '% core',
    baseline: 100,
    baselineName: 'one core',
  });
  record({
    scenario,
    measure: 'p99',
    value: percentile(latencies, 99),
    unit: 'ms',
    baseline: percentile(latencies, 50),
    baselineName: 'its p50',
  });
}
