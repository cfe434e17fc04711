import assert from 'node:assert/strict';
import { AppError, type ErrorCode } from '../../src/common/errors.js';
import { decide, fold, type SprintCommand } from '../../src/sprints/sprint.js';
import { type SprintEvent } from '../../src/sprints/sprint-events.js';
import { type SprintState } from '../../src/sprints/model/state.js';
import { aSprintPlan } from './sprint-plan.builder.js';

export const now = '2026-11-25T10:00:00.000Z';

type Data<Type extends SprintEvent['type']> = Omit<
  Extract<SprintEvent, { type: Type }>['data'],
  'at'
>;

/** An event as a test writes it: the type and its data, stamped with the test's clock. */
export function event<Type extends SprintEvent['type']>(type: Type, data: Data<Type>): SprintEvent {
  return { type, data: { ...data, at: now } } as unknown as SprintEvent;
}

/** A command sent at a time of its own, for rules that depend on time passing. */
export interface Timed {
  readonly at: string;
  readonly command: SprintCommand;
}

export const at = (time: string, command: SprintCommand): Timed => ({ at: time, command });

/** `now` moved on by so many minutes. */
export const minutesLater = (minutes: number): string =>
  new Date(Date.parse(now) + minutes * 60_000).toISOString();

/** The events of a planned sprint, then the commands given, each decided on the state so far. */
export function history(...commands: (SprintCommand | Timed)[]): SprintEvent[] {
  return historyOf(aSprintPlan(), ...commands);
}

/** The same, for a plan of the test's own. */
export function historyOf(
  plan: ReturnType<typeof aSprintPlan>,
  ...commands: (SprintCommand | Timed)[]
): SprintEvent[] {
  const events: SprintEvent[] = [event('SprintPlanned', { plan })];
  for (const step of commands) {
    const { command, at: time } = 'command' in step ? step : { command: step, at: now };
    events.push(...decide(command, fold(null, events), { now: time }));
  }
  return events;
}

/** The state a history leaves a sprint in. */
export function stateOf(events: readonly SprintEvent[]): SprintState {
  return fold(null, events);
}

export function given(events: readonly SprintEvent[]) {
  const state: SprintState | null = events.length ? fold(null, events) : null;
  return {
    state,
    /** The command, decided at `time` (the test's `now` unless given). */
    when(command: SprintCommand, time = now) {
      const decision = () => decide(command, state, { now: time });
      return {
        /** The events recorded, compared by type and data. */
        then(expected: readonly SprintEvent[]) {
          assert.deepEqual(decision(), expected);
        },
        thenTypes(expected: readonly SprintEvent['type'][]) {
          assert.deepEqual(
            decision().map((recorded) => recorded.type),
            expected,
          );
        },
        thenRefused(code: ErrorCode, field?: string): AppError {
          try {
            decision();
          } catch (error) {
            assert.ok(error instanceof AppError, String(error));
            assert.equal(error.code, code, error.message);
            if (field !== undefined) assert.equal(error.field, field);
            return error;
          }
          return assert.fail(`expected ${code}, but the command was accepted`);
        },
        state(): SprintState {
          return fold(state, decision());
        },
        /** The events recorded, for a test that looks at some of their fields. */
        events(): SprintEvent[] {
          return decision();
        },
      };
    },
  };
}
