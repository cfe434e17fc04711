import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../../access/access.guard.js';
import { clientErrorOf } from '../../common/client-error.js';
import { AppError, type ErrorCode } from '../../common/errors.js';
import { checkTexts } from '../../common/text-limits.js';
import { Metrics } from '../../observability/metrics.js';
import type { SprintCommandMessage } from '../ledger/sprint-command.js';
import type { CommandOptions, CommandResult } from '../ledger/sprint-ledger.js';
import type { LedgerCommand, LedgerEvent } from '../ledger/sprint-domain.js';
import type { SprintState } from '../model/state.js';
import { RecordedEventRef, Sprint, UserError, toSprint } from './objects.js';

/** What every mutation takes and returns, and the one way a resolver runs a command. */

@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key records nothing new and returns the first result.',
  })
  idempotencyKey?: string | null;
}

@InputType({ isAbstract: true })
export abstract class SprintMutationInput extends IdempotentInput {
  @Field(() => ID, { description: 'The id of the sprint the mutation changes.' }) sprintId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The sprint version the client saw; refused with VERSION_CONFLICT if it moved. Without it the server retries a conflict on fresh state.',
  })
  expectedVersion?: number | null;
}

@ObjectType({ isAbstract: true })
export abstract class MutationPayload {
  @Field(() => Sprint, { nullable: true, description: 'The sprint after the mutation.' })
  sprint!: Sprint | null;

  @Field(() => [RecordedEventRef], { description: 'What was recorded; empty when refused.' })
  events!: readonly RecordedEventRef[];

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: readonly UserError[];

  @Field({ description: 'True when an idempotency key repeated an earlier mutation.' })
  replayed!: boolean;
}

@ObjectType({ description: 'What a mutation of the whole sprint returns.' })
export class SprintPayload extends MutationPayload {}

type Entities<Found extends object> = (
  state: SprintState,
  changes: readonly LedgerEvent[],
) => Found;

/** The id the first `type` event of a mutation's changes names under `key`: what it created. */
export function createdId(changes: readonly LedgerEvent[], type: string, key: string): string {
  const value = changes.find((event) => event.type === type)?.data[key];
  return typeof value === 'string' ? value : '';
}

/**
 * Runs a resolver's command through the CommandBus: checks the input's text, takes the principal
 * and correlation id from the request, and turns a refusal by the sprint's rules into
 * `userErrors`, not an exception.
 */
@Injectable()
export class SprintMutations {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  /** A seam's `run`: its commands, sent as its message class to its handler. */
  runnerFor<Of extends LedgerCommand>(
    message: new (
      sprintId: string,
      command: Of,
      options: CommandOptions,
    ) => SprintCommandMessage<Of>,
  ) {
    return <Found extends object>(
      sprintId: string,
      input: IdempotentInput & Pick<SprintMutationInput, 'expectedVersion'>,
      request: FastifyRequest,
      command: Of,
      entities: Entities<Found>,
    ): Promise<MutationPayload & Partial<Found>> =>
      this.run(input, (options) => new message(sprintId, command, options), request, entities);
  }

  private async run<Found extends object>(
    input: IdempotentInput & Pick<SprintMutationInput, 'expectedVersion'>,
    message: (options: CommandOptions) => SprintCommandMessage<LedgerCommand>,
    request: FastifyRequest,
    entities: Entities<Found>,
  ): Promise<MutationPayload & Partial<Found>> {
    try {
      checkTexts(input);
      const result: CommandResult = await this.commandBus.execute(
        message({
          principal: principalOfRequest(request),
          idempotencyKey: input.idempotencyKey ?? null,
          expectedVersion: input.expectedVersion ?? null,
          correlationId: request.id,
        }),
      );
      return {
        sprint: toSprint(result.state, result.version),
        events: result.events,
        userErrors: [],
        replayed: result.replayed,
        ...entities(result.state, result.changes),
      };
    } catch (error) {
      const payload = refused(error);
      for (const userError of payload.userErrors) {
        this.metrics.graphqlErrors.inc({ code: userError.code });
      }
      return payload as MutationPayload & Partial<Found>;
    }
  }
}

/** A mutation refused by a rule: its AppError as the payload's one user error. */
export function refused(error: unknown): MutationPayload {
  if (!(error instanceof AppError)) throw error;
  const { code, field, message, allowed } = clientErrorOf(error);
  return {
    sprint: null,
    events: [],
    replayed: false,
    userErrors: [{ code: code as ErrorCode, field, message, allowed }],
  };
}
