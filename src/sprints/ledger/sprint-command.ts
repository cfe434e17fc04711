import { Inject, type Type } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SprintLedger, type CommandOptions, type CommandResult } from './sprint-ledger.js';
import type { LedgerCommand } from './sprint-domain.js';

/**
 * A command on one sprint as the CommandBus carries it. Each seam has its own subclass, so the
 * bus hands the seam's commands to the seam's handler.
 */
export abstract class SprintCommandMessage<
  Of extends LedgerCommand,
> extends Command<CommandResult> {
  constructor(
    readonly sprintId: string,
    readonly command: Of,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** The handler a seam registers for its message class: the seam's commands run on the ledger. */
export function sprintCommandHandler<Of extends LedgerCommand>(
  message: Type<SprintCommandMessage<Of>>,
): Type<ICommandHandler<SprintCommandMessage<Of>, CommandResult>> {
  @CommandHandler(message)
  class SeamCommandHandler implements ICommandHandler<SprintCommandMessage<Of>, CommandResult> {
    constructor(@Inject(SprintLedger) private readonly ledger: SprintLedger) {}

    execute({ sprintId, command, options }: SprintCommandMessage<Of>): Promise<CommandResult> {
      return this.ledger.execute(sprintId, command, options);
    }
  }
  Object.defineProperty(SeamCommandHandler, 'name', { value: `${message.name}Handler` });
  return SeamCommandHandler;
}
