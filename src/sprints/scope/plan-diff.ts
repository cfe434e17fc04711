import { AppError } from '../../common/errors.js';
import type { Draft } from '../model/event-kit.js';
import { lookup } from '../model/state.js';
import type { TaskEvent } from '../tasks/task.events.js';
import type { ScopeEvent } from './scope.events.js';

/** How two plans are compared: field by field, list item by list item, matched by key. */

/** What a scope change records: its own events, and TaskReassigned for new assignees. */
export type ScopeDraft = Draft<ScopeEvent | Extract<TaskEvent, { type: 'TaskReassigned' }>>;

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `after` that differ from `before`, each with both values. */
export function changed<Item extends object, Key extends keyof Item>(
  before: Item,
  after: Item,
  keys: readonly Key[],
): { [K in Key]?: { from: Item[K]; to: Item[K] } } {
  const changes: { [K in Key]?: { from: Item[K]; to: Item[K] } } = {};
  for (const key of keys) {
    if (!same(before[key], after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

export const hasAny = (changes: object) => Object.keys(changes).length > 0;

/** Items of two lists matched by key: those only after, those in both, those only before. */
export function matched<Item>(
  before: readonly Item[],
  after: readonly Item[],
  key: (item: Item) => string,
) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Set(after.map(key));
  return {
    added: after.filter((item) => !old.has(key(item))),
    kept: after.flatMap((item) => {
      const was = old.get(key(item));
      return was === undefined ? [] : [[was, item] as const];
    }),
    removed: before.filter((item) => !now.has(key(item))),
  };
}

export const refuse = (
  code: 'VALIDATION_FAILED' | 'INVALID_TRANSITION',
  message: string,
  field: string,
) => new AppError(code, message, field);

/** Ids are kept for good: an id the sprint already knows (cancelled since) is not reused. */
export function requireNewId(
  known: Readonly<Record<string, unknown>>,
  kind: string,
  id: string,
  field: string,
): void {
  if (lookup(known, id) !== undefined) {
    throw refuse(
      'VALIDATION_FAILED',
      `${kind} ${id} was cancelled; a new ${kind} needs a new id`,
      field,
    );
  }
}
