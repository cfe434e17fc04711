import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { countEvents, createTestDatabase, type TestDatabase } from '../support/database.js';
import { coordinatorToken, repoRoot, testEnvironment } from '../support/environment.js';
import { startService, type RunningService } from '../support/service.js';

/** A small deterministic random source, so a failing run can be played again from its seed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const mutationNames = [
  'startTask',
  'logHours',
  'completeTask',
  'raiseBlocker',
  'resolveBlocker',
  'reportIssue',
  'moveIssue',
  'logCommunication',
  'answerCommunication',
  'passCheckpoint',
  'completeDeliverable',
  'changeRiskStatus',
  'importSprintPlan',
];
const fieldNames = [
  'sprintId',
  'taskId',
  'agent',
  'hours',
  'severity',
  'to',
  'type',
  'title',
  'body',
  'first',
  'after',
  'id',
];
const values: unknown[] = [
  'sprint-4',
  '1.1',
  'python-pro',
  '',
  'P0',
  'NOPE',
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER,
  null,
  true,
  [],
  {},
  { nested: { deeper: [1, 2, 3] } },
  '\u0000\uffff',
  "'; DROP TABLE events; --",
  '{{}}',
  'x'.repeat(5000),
];

/** A document that is garbage, almost GraphQL, or valid GraphQL with wrong or random input. */
function document(rng: ReturnType<typeof random>): { query: unknown; variables: unknown } {
  const name = rng.pick(mutationNames);
  const input = Object.fromEntries(
    Array.from({ length: Math.floor(rng.next() * 6) }, () => [
      rng.pick(fieldNames),
      rng.pick(values),
    ]),
  );
  switch (Math.floor(rng.next() * 9)) {
    case 7:
      // Valid but for the hours, sometimes: some of these are accepted and recorded.
      return {
        query: `mutation ($input: LogHoursInput!) { logHours(input: $input) { events { eventId } userErrors { code } } }`,
        variables: {
          input: {
            sprintId: 'sprint-4',
            taskId: '1.1',
            agent: 'python-pro',
            hours: rng.pick([0.5, 2, -1, 30, 0]),
          },
        },
      };
    case 0:
      return {
        query: Array.from({ length: 40 }, () =>
          String.fromCharCode(32 + Math.floor(rng.next() * 95)),
        ).join(''),
        variables: null,
      };
    case 1:
      return {
        query: `mutation { ${name}(input: { ${'{'.repeat(Math.floor(rng.next() * 50))} }) }`,
        variables: null,
      };
    case 2:
      return { query: rng.pick(values), variables: rng.pick(values) };
    case 3:
      return {
        query: `{ ${'sprint(id: "sprint-4") { agents { name } '.repeat(1 + Math.floor(rng.next() * 30))} }`,
        variables: null,
      };
    case 4:
      return {
        query: `query ($id: ID!) { dashboard(sprintId: $id) { overview { taskCount } } }`,
        variables: { id: rng.pick(values) },
      };
    case 5:
      return {
        query: `{ history(sprintId: "sprint-4", first: ${String(rng.pick(values))}) { totalCount } }`,
        variables: null,
      };
    default: {
      const type = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Input`;
      return {
        query: `mutation ($input: ${type}!) { ${name}(input: $input) { events { eventId } userErrors { code } } }`,
        variables: { input },
      };
    }
  }
}

describe('fuzz: random and malformed GraphQL', () => {
  let db: TestDatabase;
  let service: RunningService | undefined;

  before(async () => {
    db = await createTestDatabase();
    service = await startService(testEnvironment(db.url, { RELAY_ENABLED: 'false' }));
  });
  after(async () => {
    await service?.stop('SIGTERM');
    await db.drop();
  });

  it('never crashes, never answers 5xx, and records only what it accepted', async () => {
    assert.ok(service);
    const { url } = service;
    const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const post = (body: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${coordinatorToken}`,
        },
        body,
      });
    await post(
      JSON.stringify({
        query:
          'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { __typename } }',
        variables: { plan },
      }),
    );
    await post(
      JSON.stringify({
        query:
          'mutation { startTask(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro" }) { __typename } }',
      }),
    );
    const before = await countEvents(db.pool);

    const seed = Number(process.env.FUZZ_SEED ?? 20261125);
    const rng = random(seed);
    const statuses = new Map<number, number>();
    let accepted = 0;
    let eventsAnswered = 0;
    const runs = 600;
    for (let index = 0; index < runs; index += 1) {
      const raw = rng.next() < 0.05;
      const response = await post(raw ? '{"query": ' : JSON.stringify(document(rng)));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      assert.ok(
        response.status < 500,
        `5xx for case ${index} (seed ${seed}): ${text.slice(0, 200)}`,
      );
      assert.doesNotMatch(
        text,
        /\n\s+at |node_modules|SELECT |INSERT /,
        `no stack or SQL in case ${index}`,
      );
      const body = JSON.parse(text) as {
        data?: Record<string, { events?: unknown[]; userErrors?: unknown[] } | null>;
      };
      for (const value of Object.values(body.data ?? {})) {
        if (value?.userErrors?.length === 0) {
          accepted += 1;
          eventsAnswered += value.events?.length ?? 0;
        }
      }
    }
    const grown = (await countEvents(db.pool)) - before;
    console.log(
      `fuzz: ${runs} documents (seed ${seed}), HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${accepted} mutations accepted with ${eventsAnswered} events, log grew by ${grown}`,
    );
    assert.ok(service.process.exitCode === null, 'the service is still running');
    const alive = await fetch(`${url}/health/live`);
    assert.equal(alive.status, 200);
    assert.ok(accepted > 0, 'some documents were valid');
    assert.equal(grown, eventsAnswered, 'the log grew by exactly what accepted mutations recorded');
  });
});
