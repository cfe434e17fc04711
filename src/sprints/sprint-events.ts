import { z } from 'zod';
import type { ReadOptions } from '../event-store/event-store.js';
import { blockerEvents } from './blockers/blocker.events.js';
import { checkpointEvents } from './checkpoints/checkpoint.events.js';
import { communicationEvents } from './communications/communication.events.js';
import { issueEvents, issueUpcasters } from './issues/issue.events.js';
import type { EventsOf, Upcaster } from './model/event-kit.js';
import { outcomeEvents } from './outcomes/outcome.events.js';
import { planEvents, planUpcasters } from './plan/plan.events.js';
import { scopeEvents, scopeUpcasters } from './scope/scope.events.js';
import { taskEvents, taskUpcasters } from './tasks/task.events.js';
import { timingEvents } from './timing/timing.events.js';

/**
 * Every fact of a sprint, one stream per sprint: the seams' event schemas joined. The `type`
 * strings are what the log stores and Kafka carries: they never change, whatever the TypeScript
 * names become. This registry is the contract with consumers of the log and the topic.
 */
export const sprintEventSchemas = {
  ...planEvents,
  ...taskEvents,
  ...blockerEvents,
  ...issueEvents,
  ...communicationEvents,
  ...checkpointEvents,
  ...outcomeEvents,
  ...scopeEvents,
  ...timingEvents,
} as const;

export const sprintEventUpcasters: Readonly<
  Record<string, Readonly<Record<number, Upcaster>> | undefined>
> = {
  ...planUpcasters,
  ...taskUpcasters,
  ...issueUpcasters,
  ...scopeUpcasters,
};

export type SprintEvent = EventsOf<typeof sprintEventSchemas>;
export type SprintEventType = SprintEvent['type'];

export const sprintEventTypes = Object.keys(sprintEventSchemas) as SprintEventType[];

export function isSprintEventType(type: string): type is SprintEventType {
  return Object.hasOwn(sprintEventSchemas, type);
}

/** The version new events of a type are stored at: its latest schema. */
export function currentSchemaVersion(type: SprintEventType): number {
  return sprintEventSchemas[type].length;
}

export function eventSchema(type: SprintEventType, version: number): z.ZodType | undefined {
  const versions: readonly z.ZodType[] = sprintEventSchemas[type];
  return versions[version - 1];
}

/** The JSON Schema of one type's payload at one version, as published in contract/events. */
export function eventJsonSchema(type: SprintEventType, version: number): Record<string, unknown> {
  const schema = eventSchema(type, version);
  if (!schema) throw new Error(`no schema for ${type} v${version}`);
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12' }),
    $id: eventSchemaFile(type, version),
    title: `${type} v${version}`,
  };
}

export function eventSchemaFile(type: SprintEventType, version: number): string {
  return `${type}.v${version}.schema.json`;
}

/**
 * Refuses to record an event its published schema does not allow. The decider's types already
 * promise this; the check keeps a slip (a NaN, an empty id) from reaching the log and the topic.
 * A failure is a bug, reported as INTERNAL, and the command records nothing.
 */
export function assertWithinContract(event: SprintEvent): void {
  const schema = eventSchema(event.type, currentSchemaVersion(event.type));
  const result = schema?.safeParse(event.data);
  if (!result?.success) {
    throw new Error(`${event.type} breaks its schema: ${result?.error.message ?? 'no schema'}`);
  }
}

/**
 * A stored payload brought to its type's current version, one upcaster per step; payloads of
 * unknown types pass. The log is never rewritten: events are upcast as they are read, so the
 * decider, the projections, the relay and subscribers only ever see the current version.
 */
export function upcastSprintEvent<Data extends Readonly<Record<string, unknown>>>(
  type: string,
  version: number,
  data: Data,
): { schemaVersion: number; data: Data } {
  if (!isSprintEventType(type)) return { schemaVersion: version, data };
  const current = currentSchemaVersion(type);
  let upcast: Readonly<Record<string, unknown>> = data;
  for (let from = version; from < current; from += 1) {
    const step = sprintEventUpcasters[type]?.[from];
    if (!step) throw new Error(`no upcaster for ${type} from v${from}`);
    upcast = step(upcast);
  }
  return { schemaVersion: Math.max(version, current), data: upcast as Data };
}

/**
 * A stored event read back as the sprint event it is: the log holds only what decide emitted,
 * upcast to the current version as it was read.
 */
export function toSprintEvent(event: {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}): SprintEvent {
  return { type: event.type, data: event.data } as unknown as SprintEvent;
}

/** How sprint code reads the log: every event at its type's current version. */
export const sprintLog: ReadOptions = { upcast: upcastSprintEvent };
