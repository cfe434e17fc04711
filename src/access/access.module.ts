import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Pool } from 'pg';
import { AppErrorFilter } from '../common/http-error.filter.js';
import { AppConfig } from '../config/config.js';
import { AccessGuard } from './access.guard.js';
import { AccessResolver } from './access.resolver.js';
import { TokenCache } from './token-cache.js';
import { bootstrapCoordinator } from './tokens.js';

@Module({
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: AppErrorFilter },
    AccessResolver,
    TokenCache,
  ],
  exports: [TokenCache],
})
export class AccessModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly config: AppConfig,
    private readonly pool: Pool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.coordinatorToken === null) return;
    try {
      await bootstrapCoordinator(this.pool, this.config.coordinatorToken);
    } catch (error) {
      this.logger.error(`could not register the coordinator token: ${String(error)}`);
    }
  }
}
