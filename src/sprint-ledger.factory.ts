import type { Pool } from 'pg';
import type { Clock } from './common/clock.js';
import type { AppConfig } from './config/config.js';
import type { Metrics } from './observability/metrics.js';
import { sprintProjection } from './read-models/sprint-projection.js';
import type { InlineProjection } from './sprints/ledger/sprint-domain.js';
import {
  SprintLedger,
  type CommandOptions,
  type CommandResult,
} from './sprints/ledger/sprint-ledger.js';
import { sprintDomain } from './sprints/sprint-domain.js';
import type { SprintCommand } from './sprints/sprint.js';

/** The ledger, typed by the sprint's own commands. */
export interface SprintCommandRunner {
  execute(
    sprintId: string,
    command: SprintCommand,
    options: CommandOptions,
  ): Promise<CommandResult>;
}

/** The projections every command keeps up to date in its own transaction. */
export const inlineProjections: readonly InlineProjection[] = [sprintProjection];

/** The ledger wired as the service wires it, for the CLI, benches and tests outside Nest. */
export function createSprintLedger(
  pool: Pool,
  clock: Clock,
  options: { config?: AppConfig; metrics?: Metrics } = {},
): SprintCommandRunner {
  return new SprintLedger(
    pool,
    clock,
    sprintDomain,
    inlineProjections,
    options.metrics,
    options.config,
  );
}
