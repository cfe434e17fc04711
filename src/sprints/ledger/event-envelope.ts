import { AppError } from '../../common/errors.js';
import type { EventMetadata, NewEvent } from '../../event-store/event-store.js';
import type { KeyClaim } from './idempotency.js';
import type { LedgerCommand, LedgerEvent, SprintDomain } from './sprint-domain.js';
import type { Principal } from '../../access/principal.js';

/**
 * A decided event as the log stores it: its payload at its schema's version, and metadata
 * saying who sent which command, under which correlation and idempotency key. Refused, before
 * anything is written, if no message on the topic could carry it.
 */
export function envelope(
  event: LedgerEvent,
  command: LedgerCommand,
  options: { readonly principal: Principal; readonly correlationId?: string | null },
  claim: KeyClaim | null,
  domain: Pick<SprintDomain, 'schemaVersionOf'>,
  maxEventBytes: number,
): NewEvent {
  const metadata: EventMetadata = {
    // An agent's token acts as the agent: its events name the agent, not the token's label.
    actor: options.principal.agent ?? options.principal.name,
    actorKind: options.principal.kind,
    principalId: options.principal.id,
    role: options.principal.role,
    command: command.kind,
    correlationId: options.correlationId ?? null,
    causationId: null,
    idempotencyKey: claim?.key ?? null,
  };
  const bytes =
    Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(metadata));
  if (bytes > maxEventBytes) {
    throw new AppError(
      'VALIDATION_FAILED',
      `the ${event.type} event would be ${bytes} bytes; the event topic carries events of at most ${maxEventBytes} bytes`,
      command.kind === 'PlanSprint' ? 'plan' : 'input',
      { limit: maxEventBytes, actual: bytes },
    );
  }
  return {
    type: event.type,
    schemaVersion: domain.schemaVersionOf(event),
    data: event.data,
    metadata,
  };
}
