import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AppConfig } from '../config/config.js';
import type { Principal } from './principal.js';
import { hashToken, principalOfHash } from './tokens.js';

/** The channel the api_tokens trigger notifies with a token's id on every change to its row. */
export const tokenChangesChannel = 'api_tokens_changed';

const capacity = 10_000;
const reconnectMs = { first: 500, max: 30_000 };

/**
 * The principals of live tokens, kept so a request costs no token lookup. Revocation still
 * reaches every instance at once: each change to a token row notifies its id (a trigger, so a
 * revocation by hand counts too) and every instance listening forgets that token. The cache is
 * used only while this instance is listening; while the listening connection is down, every
 * request looks its token up, as it would without a cache. Unknown tokens are never cached.
 */
@Injectable()
export class TokenCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TokenCache');
  private readonly byHash = new Map<string, Principal>();
  private listener: Client | null = null;
  private listening = false;
  /** Bumped on every change heard: a lookup that saw a change start meanwhile is not kept. */
  private changes = 0;
  private retryMs = reconnectMs.first;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.drop();
    await this.listener?.end().catch(() => undefined);
  }

  async principalOf(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const cached = this.listening ? this.byHash.get(hash) : undefined;
    if (cached) {
      this.byHash.delete(hash);
      this.byHash.set(hash, cached);
      return cached;
    }
    const seen = this.changes;
    const principal = await principalOfHash(this.pool, hash);
    if (principal && this.listening && seen === this.changes) this.keep(hash, principal);
    return principal;
  }

  /** Forgets a token at once, on this instance: the revoking one does not wait for its notice. */
  forget(tokenId: string): void {
    this.changes += 1;
    for (const [hash, principal] of this.byHash) {
      if (principal.id === tokenId) this.byHash.delete(hash);
    }
  }

  private keep(hash: string, principal: Principal): void {
    this.byHash.set(hash, principal);
    for (const oldest of this.byHash.keys()) {
      if (this.byHash.size <= capacity) break;
      this.byHash.delete(oldest);
    }
  }

  private drop(): void {
    this.listening = false;
    this.changes += 1;
    this.byHash.clear();
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'sprint-ledger-token-cache',
    });
    client.on('notification', (notice) => {
      if (notice.channel === tokenChangesChannel) this.forget(notice.payload ?? '');
    });
    client.on('error', (error) => {
      this.lost(client, error);
    });
    client.on('end', () => {
      this.lost(client, new Error('connection ended'));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${tokenChangesChannel}`);
      this.listener = client;
      this.listening = true;
      this.retryMs = reconnectMs.first;
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Without its notices the cache could keep a revoked token: empty it, stop using it, retry. */
  private lost(client: Client, error: Error): void {
    if (this.listener !== null && this.listener !== client) return;
    this.listener = null;
    const wasListening = this.listening;
    this.drop();
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    if (wasListening) this.logger.warn(`token cache off until it listens again: ${error.message}`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, reconnectMs.max);
  }
}
