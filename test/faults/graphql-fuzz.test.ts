import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runFuzz, seedDemoSprint } from '../fuzz/graphql-fuzzer.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { coordinatorToken, testEnvironment } from '../support/environment.js';
import { startService, type RunningService } from '../support/service.js';

/** The suite's slice of `npm run fuzz`: the same generator and invariants, fewer cases. */
const runs = Number(process.env.FUZZ_RUNS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 20261201);

describe('property-based fuzz of the real service', () => {
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

  it(`keeps every invariant over ${runs} generated cases`, async () => {
    assert.ok(service);
    await seedDemoSprint(service.url, coordinatorToken);
    const report = await runFuzz(
      {
        url: service.url,
        token: coordinatorToken,
        pool: db.pool,
        pid: service.process.pid ?? null,
      },
      runs,
      seed,
      // A gross stall (the 5 s fragment lock-up) fails here on a shared CI machine; the 100 ms
      // bound of the invariant is held by `npm run fuzz`.
      1000,
    );
    console.log(`graphql fuzz: ${JSON.stringify(report)}`);
    assert.equal(report.failure, null);
    assert.equal(service.process.exitCode, null, 'the service is still running');
    assert.ok(report.accepted > 0, 'some cases were accepted and recorded');
    assert.ok(report.eventsRecorded > 0);
    assert.ok(
      report.peakRssMiB !== null && report.startRssMiB !== null,
      'the service’s memory was read',
    );
    assert.ok(report.peakRssMiB - report.startRssMiB < 400, 'memory stays bounded');
  });
});
