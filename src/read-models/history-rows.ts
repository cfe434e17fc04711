import type { JsonObject, RecordedEvent } from '../event-store/event-store.js';

/** A read model's row: its columns by name. */
type Row = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  return null;
}

/** The keys an event names what it is about by, most specific first. */
const subjectKeys = [
  'taskId',
  'blockerId',
  'issueId',
  'checkpointId',
  'deliverableId',
  'riskId',
  'metric',
  'communicationId',
  'phase',
  'agent',
] as const;

function subjectOf(data: JsonObject): string | null {
  for (const key of subjectKeys) {
    const value = text(data[key]);
    if (value !== null) return value;
  }
  return null;
}

/** When an event happened: the time its payload carries, or else when it was recorded. */
export function eventTime(event: RecordedEvent): string {
  return typeof event.data.at === 'string' ? event.data.at : event.recordedAt.toISOString();
}

/** One row per event: what it was about, who did it, and for status changes from and to. */
export function historyRow(event: RecordedEvent): Row {
  const data: JsonObject = event.data;
  return {
    position: event.position,
    sprint_id: event.streamId,
    stream_version: event.streamVersion,
    event_id: event.eventId,
    type: event.type,
    actor: event.metadata.actor ?? null,
    actor_kind: event.metadata.actorKind ?? null,
    at: eventTime(event),
    ...historyFacts(event.type, data),
  };
}

/** What a history row says of its event's payload: what it is about, from and to, hours. */
export function historyFacts(type: string, data: JsonObject) {
  return {
    task_id: text(data.taskId),
    issue_id: text(data.issueId),
    agent: text(data.agent) ?? (type === 'CommunicationLogged' ? text(data.from) : null),
    blocker_id: text(data.blockerId),
    checkpoint_id: text(data.checkpointId),
    from_value: type === 'CommunicationLogged' ? null : text(data.from),
    to_value: type === 'CommunicationLogged' ? null : text(data.to),
    subject: subjectOf(data),
    hours: typeof data.estimateHours === 'number' ? data.estimateHours : null,
  };
}
