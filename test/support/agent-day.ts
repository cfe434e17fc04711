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
