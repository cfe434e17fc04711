import type { RecordedEvent } from './event-store.js';

export interface KafkaMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const cloudEventsSource = '/sprint-ledger';

/**
 * What a record batch adds around its records, and each record around its key, value and
 * headers (lengths, offsets, timestamps, attributes): generous, so a batch cut by this count
 * always fits.
 */
const batchOverheadBytes = 256;
const recordOverheadBytes = 64;

/** The bytes a message takes in a record batch (uncompressed), overhead included. */
export function messageBytes(message: KafkaMessage): number {
  let bytes =
    recordOverheadBytes + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) {
    bytes += 8 + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}

/** The longest prefix of `messages` one batch of at most `maxBytes` carries; never empty. */
export function batchThatFits(messages: readonly KafkaMessage[], maxBytes: number): number {
  let bytes = batchOverheadBytes;
  let count = 0;
  for (const message of messages) {
    bytes += messageBytes(message);
    if (bytes > maxBytes && count > 0) break;
    count += 1;
  }
  return count;
}

/** The largest event payload and metadata, as JSON, that a topic message of `maxBytes` carries. */
export function maxEventBytes(maxMessageBytes: number): number {
  // The envelope's other fields and the ten headers take well under 2 KiB.
  return maxMessageBytes - batchOverheadBytes - 2048;
}

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
