import type { JsonObject } from '../event-store/event-store.js';
import type { SprintEventType } from '../sprints/sprint.events.js';
import { currentSchemaVersion, isSprintEventType } from './event-schemas.js';

type Upcaster = (data: JsonObject) => JsonObject;

/**
 * How a payload stored at version N becomes version N + 1, for every type that has more than one
 * version. The log is never rewritten: events are upcast as they are read, so the decider, the
 * projections, the relay and subscribers only ever see the current version.
 */
export const upcasters: Partial<Record<SprintEventType, Readonly<Record<number, Upcaster>>>> = {
  HoursLogged: {
    1: (data) => ({ ...data, note: null }),
  },
  IssueReported: {
    1: (data) => ({ ...data, reportedBy: null }),
  },
};

/** A stored payload brought to its type's current version; payloads of unknown types pass. */
export function upcast(
  type: string,
  version: number,
  data: JsonObject,
): { schemaVersion: number; data: JsonObject } {
  if (!isSprintEventType(type)) return { schemaVersion: version, data };
  const current = currentSchemaVersion(type);
  let upcast = data;
  for (let from = version; from < current; from += 1) {
    const step = upcasters[type]?.[from];
    if (!step) throw new Error(`no upcaster for ${type} from v${from}`);
    upcast = step(upcast);
  }
  return { schemaVersion: Math.max(version, current), data: upcast };
}
