import { setTimeout as sleep } from 'node:timers/promises';
import {
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import { systemPrincipal } from '../../access/principal.js';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { inTransaction } from '../../database/database.module.js';
import { SprintLedger } from '../ledger/sprint-ledger.js';

/** Sprints whose clocks are looked at in one round. */
const roundSize = 100;

/**
 * Acts on time passing: every round it finds the sprints whose next deadline (kept in their
 * overview row by the projection) has come, and sends each the service's own `PassTime`
 * command, as SYSTEM. One instance at a time acts (a transaction-scoped advisory lock, as the
 * reactions have); and whoever acts, a deadline is recorded once, because what is due is
 * decided from the sprint's state under its lock: once an expiry is recorded, the lease is gone.
 * A restart in the middle loses nothing either: a deadline not yet acted on is still in the row.
 */
@Injectable()
export class SprintTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SprintTimers.name);
  private readonly stopping = new AbortController();
  private readonly principal = systemPrincipal('timers');
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly ledger: SprintLedger,
    @Optional() private readonly config?: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config?.timers.enabled) this.loop = this.run(this.config.timers.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** One round: records what has fallen due by now; how many events that took. */
  async runDue(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const lock = await client.query<{ held: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext('sprint-timers')) AS held`,
      );
      if (!lock.rows[0]?.held) return 0;
      const due = await client.query<{ sprint_id: string }>(
        `SELECT sprint_id FROM sprint_overview WHERE next_deadline <= $1
         ORDER BY next_deadline LIMIT ${roundSize}`,
        [this.clock.now().toISOString()],
      );
      let recorded = 0;
      for (const { sprint_id: sprintId } of due.rows) {
        const result = await this.ledger
          .execute(sprintId, { kind: 'PassTime' }, { principal: this.principal })
          .catch((error: unknown) => {
            this.logger.warn(`sprint ${sprintId}: time not passed: ${String(error)}`);
            return null;
          });
        recorded += result?.events.length ?? 0;
      }
      return recorded;
    });
  }

  private async run(pollMs: number): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      await this.runDue().catch((error: unknown) => {
        this.logger.warn(`timers paused: ${String(error)}`);
      });
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
