import { startOpenBlockersConsumer } from './consumer.js';

// Usage: KAFKA_BROKERS=127.0.0.1:9092 node dist/examples/consumer/main.js
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = process.env.KAFKA_TOPIC ?? 'sprint-ledger.events';

const consumer = await startOpenBlockersConsumer({
  brokers,
  topic,
  onEvent: (event, view) => {
    if (!event.type.startsWith('Blocker')) return;
    const open = view.openBlockers(event.sprintId);
    console.log(
      `${event.sprintId} v${event.streamVersion} ${event.type}: ${open.length} open`,
      open.map((blocker) => `${blocker.id} ${blocker.severity} ${blocker.agent}`),
    );
  },
});
console.log(`following ${topic} on ${brokers.join(',')}; Ctrl-C to stop`);
process.once('SIGINT', () => {
  void consumer.stop().then(() => {
    console.log(
      `applied ${consumer.view.counts.applied}, skipped ${consumer.view.counts.duplicates} duplicates`,
    );
    for (const problem of consumer.view.problems) console.log(`problem: ${problem}`);
  });
});
