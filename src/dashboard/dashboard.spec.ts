import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { now } from '../../test/builders/given-when-then.js';
import { sprint4Events } from '../../test/builders/sprint-4-play.js';
import { rowsOf } from '../../test/builders/sprint-rows.builder.js';
import { repoRoot } from '../../test/support/environment.js';
import { parseSprintPlan } from '../sprints/plan/plan-document.js';
import type { SprintEvent } from '../sprints/sprint-events.js';
import { renderDashboardMarkdown } from './dashboard-markdown.js';
import { buildDashboard } from './dashboard.js';
import { buildSprintKpis } from './sprint-kpis.js';

/** A step every quarter of an hour, so durations (blocker resolution) are not all zero. */
const at = (step: number) => new Date(Date.parse(now) + step * 900_000).toISOString();
const data = (event: SprintEvent) => event.data as Record<string, unknown>;

/** The latest `value` of each `key` among the events of one type. */
function last<T>(events: readonly SprintEvent[], type: string, key: string, value: string) {
  const found = new Map<string, T>();
  for (const event of events) {
    if (event.type === type) found.set(String(data(event)[key]), data(event)[value] as T);
  }
  return found;
}

/** Where things stand, read off the events one by one: the oracle the builders must match. */
function statusOracle(events: readonly SprintEvent[]) {
  const plan = data(events[0] ?? assert.fail('no events')).plan as {
    phases: { tasks: { id: string; estimateHours: number | { max: number } }[] }[];
  };
  // A range plans its upper bound (`1-2h` schedules 2 hours).
  const estimates = new Map(
    plan.phases.flatMap((phase) =>
      phase.tasks.map((task) => [
        task.id,
        typeof task.estimateHours === 'number' ? task.estimateHours : task.estimateHours.max,
      ]),
    ),
  );
  const taskStatus = new Map<string, string>();
  const checkpointStatus = new Map<string, string>();
  const deliverables = new Map<string, boolean>();
  for (const event of events) {
    const { to, checkpointId, deliverableId } = data(event);
    if (
      event.type.startsWith('Task') &&
      event.type !== 'TaskReassigned' &&
      typeof to === 'string'
    ) {
      taskStatus.set(String(data(event).taskId), to);
    }
    if (typeof checkpointId === 'string' && typeof to === 'string') {
      checkpointStatus.set(checkpointId, to);
    }
    if (event.type === 'DeliverableCompleted') deliverables.set(String(deliverableId), true);
    if (event.type === 'DeliverableReopened') deliverables.set(String(deliverableId), false);
  }
  const complete = [...taskStatus].filter(([, status]) => status === 'COMPLETE').map(([id]) => id);
  return {
    complete,
    totalEstimate: [...estimates.values()].reduce((sum, hours) => sum + hours, 0),
    completeEstimate: complete.reduce((sum, id) => sum + (estimates.get(id) ?? 0), 0),
    phaseStatus: last<string>(events, 'PhaseStatusChanged', 'phase', 'to'),
    agentStatus: last<string>(events, 'AgentStatusChanged', 'agent', 'to'),
    issueStatus: last<string>(events, 'IssueStatusChanged', 'issueId', 'to'),
    raised: events.filter((event) => event.type === 'BlockerRaised'),
    resolved: events.filter((event) => event.type === 'BlockerResolved'),
    checkpointStatus,
    deliverablesDone: [...deliverables.values()].filter(Boolean).length,
  };
}

// The reference sprint, played by its rules, as its rows: what both descriptions below read.
const plan = parseSprintPlan(readFileSync(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
const events = sprint4Events(plan, at);
const rows = rowsOf(events);
const oracle = statusOracle(events);

describe('the dashboard builder, on the reference sprint', () => {
  it('gives the overview and the agents’ statuses that follow from the events', () => {
    const { overview, agents } = buildDashboard(rows);
    const risksTriggered = new Set(
      events
        .filter((event) => event.type === 'RiskStatusChanged' && data(event).to !== 'ACTIVE')
        .map((event) => data(event).riskId),
    );
    assert.deepEqual(
      {
        phasesComplete: overview.phasesComplete,
        progressPercent: overview.progressPercent,
        activeAgents: overview.activeAgents,
        openBlockers: overview.openBlockers,
        issuesFound: overview.issuesFound,
        issuesResolved: overview.issuesResolved,
        tasksComplete: overview.tasksComplete,
        deliverablesDone: overview.deliverablesDone,
        checkpointsPassed: overview.checkpointsPassed,
        activeRisks: overview.activeRisks,
      },
      {
        phasesComplete: [...oracle.phaseStatus.values()].filter((status) => status === 'COMPLETE')
          .length,
        progressPercent: Math.round((oracle.completeEstimate / oracle.totalEstimate) * 1000) / 10,
        activeAgents: [...oracle.agentStatus.values()].filter((status) => status === 'ACTIVE')
          .length,
        openBlockers: oracle.raised.length - oracle.resolved.length,
        issuesFound: events.filter((event) => event.type === 'IssueReported').length,
        issuesResolved: [...oracle.issueStatus.values()].filter(
          (status) => status === 'VALIDATED' || status === 'CLOSED',
        ).length,
        tasksComplete: oracle.complete.length,
        deliverablesDone: oracle.deliverablesDone,
        checkpointsPassed: [...oracle.checkpointStatus.values()].filter(
          (status) => status === 'PASSED',
        ).length,
        activeRisks: 5 - risksTriggered.size,
      },
    );
    assert.deepEqual(
      agents.map((agent) => agent.status).sort(),
      ['devops-engineer', 'python-pro', 'qa-engineer']
        .map((agent) => oracle.agentStatus.get(agent) ?? 'ASSIGNED')
        .sort(),
    );
  });
});

describe('the KPI builder and the document, on the reference sprint', () => {
  it('gives the KPIs that follow from the events', () => {
    const metrics = buildSprintKpis(rows);
    const hours = last<number>(events, 'HoursLogged', 'taskId', 'totalHours');
    const totalHours = [...hours.values()].reduce((sum, value) => sum + value, 0);
    const hoursOf = (event: SprintEvent) => new Date(String(data(event).at)).getTime() / 3_600_000;
    const resolutionHours = oracle.resolved.map((event) => {
      const raise = oracle.raised.find(
        (candidate) => data(candidate).blockerId === data(event).blockerId,
      );
      return hoursOf(event) - (raise ? hoursOf(raise) : 0);
    });
    const decided = [...oracle.checkpointStatus.values()].filter(
      (status) => status === 'PASSED' || status === 'FAILED',
    );
    assert.equal(metrics.total.actualHours, Math.round(totalHours * 100) / 100);
    assert.equal(
      metrics.blockerResolutionHours,
      Math.round(
        (resolutionHours.reduce((sum, value) => sum + value, 0) / resolutionHours.length) * 1000,
      ) / 1000,
    );
    assert.equal(metrics.issueResolutionRate, 100);
    assert.equal(
      metrics.checkpointPassRate,
      Math.round((decided.filter((status) => status === 'PASSED').length / decided.length) * 1000) /
        10,
    );
    assert.equal(metrics.deliverablesDone, oracle.deliverablesDone);
    assert.equal(
      metrics.burndown.length,
      1 +
        events.filter((event) => event.type === 'TaskCompleted' || event.type === 'TaskReopened')
          .length,
    );
    assert.equal(
      metrics.burndown.at(-1)?.remainingHours,
      oracle.totalEstimate - oracle.completeEstimate,
    );
  });

  it('renders the document and lists the checkpoints as the events leave them', () => {
    const { overview } = buildDashboard(rows);
    const markdown = renderDashboardMarkdown(rows, at(1000));
    assert.ok(markdown.includes(`${overview.phasesComplete}/7 phases complete`));
    assert.ok(markdown.includes(`Progress: ${oracle.deliverablesDone}/12 deliverables`));
    assert.ok(markdown.includes('│ I-1  │ P1       │ Workflow times out'));
    assert.deepEqual(
      rows.checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.status]),
      ['CP-1', 'CP-2', 'CP-3', 'CP-4'].map((id) => [
        id,
        oracle.checkpointStatus.get(id) ?? 'PENDING',
      ]),
    );
  });
});
