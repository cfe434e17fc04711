import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readStream } from '../../src/event-store/event-store.js';
import type { TestApp } from './app.js';
import type { TestDatabase } from './database.js';
import { repoRoot } from './environment.js';

/** The sprint's events as the test compares them: what happened and who did it, not when. */
export async function eventsOf(db: TestDatabase, sprintId: string) {
  const events = await readStream(db.pool, sprintId);
  return events.slice(1).map((event) => ({
    type: event.type,
    data: JSON.parse(
      JSON.stringify(event.data, (key, value: unknown) =>
        /(^at|At)$/.test(key) ? '<time>' : value,
      ),
    ) as unknown,
    actor: event.metadata.actor,
    actorKind: event.metadata.actorKind,
  }));
}

/** The demo plan under another key: the same sprint, played once per way of reaching it. */
export async function importDemoAs(app: TestApp, key: string): Promise<string> {
  const plan = (await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8')).replace(
    /^key: sprint-4$/m,
    `key: ${key}`,
  );
  const imported = await app.mutate('importSprintPlan', { plan });
  assert.deepEqual(imported.userErrors, []);
  const issued = await app.graphql<{ issueApiToken: { token: string } }>(
    `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token } }`,
    { input: { name: `python-pro on ${key}`, role: 'AGENT', agent: 'python-pro', sprints: [key] } },
  );
  assert.ok(issued.data, JSON.stringify(issued.errors));
  return issued.data.issueApiToken.token;
}

/** The agent's day over GraphQL, as a hand-written client sends it: the yardstick. */
export async function playDayOverGraphql(agent: TestApp, sprintId: string): Promise<void> {
  const task = { sprintId, taskId: '1.1', agent: 'python-pro' };
  const results = [
    await agent.mutate('claimTask', task),
    await agent.mutate('logHours', { ...task, hours: 0.5, note: 'sketched' }),
    await agent.mutate('raiseBlocker', {
      ...task,
      severity: 'P2',
      description: 'the Temporal dev server will not start',
    }),
    await agent.mutate('resolveBlocker', {
      sprintId,
      blockerId: 'B-1',
      resolution: 'port 7233 freed',
    }),
    await agent.mutate('completeTask', { sprintId, taskId: '1.1' }),
  ];
  assert.deepEqual(
    results.flatMap((result) => result.userErrors),
    [],
  );
}

/** The events of the day played over GraphQL, checked to be the whole day, by the agent. */
export async function dayEvents(db: TestDatabase, sprintId: string) {
  const events = await eventsOf(db, sprintId);
  assert.deepEqual(
    events.map((event) => event.type),
    [
      ...['SprintStarted', 'TaskStarted', 'TaskClaimed', 'PhaseStatusChanged'],
      ...['AgentStatusChanged', 'HoursLogged', 'BlockerRaised', 'TaskBlocked'],
      ...['AgentStatusChanged', 'BlockerResolved', 'TaskUnblocked', 'AgentStatusChanged'],
      ...['TaskCompleted', 'AgentStatusChanged'],
    ],
  );
  assert.ok(events.every((event) => event.actor === 'python-pro' && event.actorKind === 'AGENT'));
  return events;
}
