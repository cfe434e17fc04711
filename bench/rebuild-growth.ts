// Rebuild from the log at two sizes: events per second with 1,000 and with 10,000 messages in a
// sprint. Linear folding keeps the rate; copying whole maps per event divides it by ten.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { appendToStream } from '../src/event-store/event-store.js';
import { rebuildReadModels } from '../src/read-models/rebuild.js';
import { parseSprintPlan } from '../src/sprints/plan/plan-document.js';
import { createTestDatabase } from '../test/support/database.js';
import { repoRoot } from '../test/support/environment.js';

const plan = parseSprintPlan(readFileSync(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'));
const at = '2026-11-25T10:00:00.000Z';

async function rate(messages: number): Promise<number> {
  const db = await createTestDatabase();
  try {
    const events = [
      { type: 'SprintPlanned', data: { plan, at } },
      ...Array.from({ length: messages }, (_, index) => ({
        type: 'CommunicationLogged',
        schemaVersion: 1,
        data: {
          communicationId: `C-${index + 1}`,
          from: 'qa-engineer',
          to: null,
          subject: `subject ${index}`,
          body: 'a message of ordinary length, as agents write them',
          communicationType: 'NOTIFICATION',
          replyTo: null,
          at,
        },
      })),
    ];
    for (let start = 0; start < events.length; start += 5000) {
      await appendToStream(db.pool, 'sprint-4', start, events.slice(start, start + 5000));
    }
    const began = performance.now();
    const folded = await rebuildReadModels(db.pool);
    return folded / ((performance.now() - began) / 1000);
  } finally {
    await db.drop();
  }
}

const small = await rate(1000);
const large = await rate(10000);
console.log(
  `rebuild: ${Math.round(small)} events/s at 1,000 messages, ${Math.round(large)} at 10,000`,
);
console.log(`ratio ${(large / small).toFixed(2)}x (1.00x is linear)`);
