import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { readStream } from '../../src/event-store/event-store.js';
import { rebuildReadModels } from '../../src/read-models/rebuild.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { repoRoot, testEnvironment } from '../support/environment.js';
import { postGraphql } from '../support/http.js';
import { readModelContents } from '../support/read-models.js';
import { startService, type RunningService } from '../support/service.js';

const run = promisify(execFile);

/** Restarts this machine's PostgreSQL cluster, as its own service scripts do. */
async function restartPostgres(): Promise<void> {
  const [version] = await readdir('/etc/postgresql');
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version ?? '15', 'main', 'restart']);
}

const logHours = `mutation ($input: LogHoursInput!) {
  logHours(input: $input) { events { eventId } userErrors { code } }
}`;

describe('PostgreSQL restarted under load', () => {
  let db: TestDatabase;
  let service: RunningService | undefined;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await service?.stop('SIGTERM');
    await db.drop();
  });

  it('fails the mutations in the gap with a retryable error, half-applies none, and recovers by itself', async () => {
    service = await startService(testEnvironment(db.url));
    const { url } = service;
    const plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    await postGraphql(
      url,
      'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { userErrors { code } } }',
      { plan },
    );
    await postGraphql(
      url,
      'mutation { startTask(input: { sprintId: "sprint-4", taskId: "1.1", agent: "python-pro" }) { userErrors { code } } }',
      {},
    );

    let loading = true;
    const acknowledged: string[] = [];
    const failures = new Map<string, number>();
    const statuses = new Set<number>();
    const clients = Array.from({ length: 4 }, async () => {
      while (loading) {
        const { status, body } = await postGraphql(url, logHours, {
          input: {
            sprintId: 'sprint-4',
            taskId: '1.1',
            agent: 'python-pro',
            hours: 0.01,
            idempotencyKey: randomUUID(),
          },
        });
        statuses.add(status);
        const payload = body.data?.logHours;
        if (payload && payload.userErrors.length === 0) {
          acknowledged.push(...payload.events.map((event) => event.eventId));
        } else {
          const code = body.errors?.[0]?.extensions?.code ?? payload?.userErrors[0]?.code ?? 'NONE';
          failures.set(code, (failures.get(code) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 1000));
    await restartPostgres();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const beforeEnd = acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    loading = false;
    await Promise.all(clients);

    assert.doesNotMatch(service.output(), /Unhandled|uncaught/i, 'no crash');
    console.log(
      `postgres restart: ${acknowledged.length} acknowledged, failures ${JSON.stringify(Object.fromEntries(failures))}, HTTP statuses ${[...statuses].join(',')}`,
    );
    assert.ok((failures.get('UNAVAILABLE') ?? 0) > 0, 'the restart was felt');
    const logged = service
      .output()
      .split('\n')
      .filter((line) => line.includes('[GraphQL]'))
      .slice(0, 5)
      .join('\n');
    assert.deepEqual(
      [...failures.keys()],
      ['UNAVAILABLE'],
      `every failure is the retryable one:\n${logged}`,
    );
    assert.ok(acknowledged.length > beforeEnd, 'mutations succeed again without a service restart');
    assert.ok(
      [...statuses].every((status) => status < 500),
      'no 5xx',
    );

    const events = await readStream(db.pool, 'sprint-4');
    const stored = new Set(events.map((event) => event.eventId));
    assert.ok(
      acknowledged.every((id) => stored.has(id)),
      'every acknowledged mutation is stored',
    );
    assert.deepEqual(
      events.map((event) => event.streamVersion),
      events.map((_, index) => index + 1),
    );
    const live = await readModelContents(db.pool);
    await rebuildReadModels(db.pool);
    assert.deepEqual(
      await readModelContents(db.pool),
      live,
      'nothing half-applied: read models equal a rebuild',
    );
    const ready = await fetch(`${url}/health/ready`);
    assert.equal(ready.status, 200);
  });
});
