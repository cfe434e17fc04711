import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toKafkaMessage } from '../src/event-store/kafka-message.js';
import { nextBackoff } from '../src/event-store/kafka-relay.js';

describe('the Kafka message of an event', () => {
  const event = {
    position: 42,
    transactionId: '9001',
    streamId: 'sprint-4',
    streamVersion: 7,
    eventId: '5b18f6df-4fa2-4e52-979a-219c695a4e15',
    type: 'TaskStarted',
    schemaVersion: 2,
    data: { taskId: '2.1' },
    metadata: { actor: 'python-pro', actorKind: 'AGENT' as const },
    recordedAt: new Date('2026-11-25T10:00:00.000Z'),
  };

  it('is keyed by stream and carries the CloudEvents envelope in its headers', () => {
    const message = toKafkaMessage(event);
    assert.equal(message.key, 'sprint-4');
    assert.deepEqual(message.headers, {
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: 'TaskStarted',
      ce_source: '/sprint-ledger',
      ce_subject: 'sprint-4',
      ce_time: '2026-11-25T10:00:00.000Z',
      ce_schemaversion: '2',
      ce_streamversion: '7',
      ce_position: '42',
      'content-type': 'application/json',
    });
  });

  it('holds the event as JSON, without the transaction id that only orders the log', () => {
    assert.deepEqual(JSON.parse(toKafkaMessage(event).value), {
      eventId: event.eventId,
      type: 'TaskStarted',
      schemaVersion: 2,
      streamId: 'sprint-4',
      streamVersion: 7,
      position: 42,
      recordedAt: '2026-11-25T10:00:00.000Z',
      data: { taskId: '2.1' },
      metadata: { actor: 'python-pro', actorKind: 'AGENT' },
    });
  });
});

describe('relay backoff', () => {
  it('starts at 100 ms, doubles, and stops at the cap', () => {
    const steps: number[] = [];
    let backoff = 0;
    for (let failure = 0; failure < 8; failure += 1) {
      backoff = nextBackoff(backoff, 5000);
      steps.push(backoff);
    }
    assert.deepEqual(steps, [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
