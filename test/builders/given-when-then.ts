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

/** The events of a planned sprint, then the commands given, each decided on the state so far. */
export function history(...commands: SprintCommand[]): SprintEvent[] {
  const events: SprintEvent[] = [event('SprintPlanned', { plan: aSprintPlan() })];
  for (const command of commands) events.push(...decide(command, fold(null, events), { now }));
  return events;
}

export function given(events: readonly SprintEvent[]) {
  const state: SprintState | null = events.length ? fold(null, events) : null;
  return {
    state,
    when(command: SprintCommand) {
      const decision = () => decide(command, state, { now });
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
      };
    },
  };
}
