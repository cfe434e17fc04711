import type { RecordedEvent } from './event-store.js';

export interface KafkaMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const cloudEventsSource = '/sprint-ledger';

/**
 * The event as it stands on the topic: CloudEvents 1.0 in binary mode, so the envelope is in the
 * headers and the value is the event itself. Keyed by stream, so one sprint stays on one partition
 * and in order; `ce_id` is stable across re-sends, for consumers that de-duplicate.
 */
export function toKafkaMessage(event: RecordedEvent): KafkaMessage {
  return {
    key: event.streamId,
    value: JSON.stringify({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      position: event.position,
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
      metadata: event.metadata,
    }),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: event.type,
      ce_source: cloudEventsSource,
      ce_subject: event.streamId,
      ce_time: event.recordedAt.toISOString(),
      ce_schemaversion: String(event.schemaVersion),
      ce_streamversion: String(event.streamVersion),
      ce_position: String(event.position),
      'content-type': 'application/json',
    },
  };
}
