import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '../access/principal.js';
import { AppError } from '../common/errors.js';
import { AppConfig } from '../config/config.js';

/** Close codes of the graphql-transport-ws protocol. */
export const closeCodes = { forbidden: 4403, initTimeout: 4408 } as const;

interface OpenSocket {
  initTimer: NodeJS.Timeout | undefined;
  principalId: string | null;
  /** Each running subscription by its id on the socket, aborted when it ends. */
  readonly subscriptions: Map<string, AbortController>;
}

/** A subscription held open: its end is signalled, and `release` gives its place back. */
export interface HeldSubscription {
  readonly signal: AbortSignal;
  release(): void;
}

/**
 * Keeps what a WebSocket holds open within bounds: a socket must say connection_init soon after
 * it opens, may hold a bounded number of subscriptions, and is closed soon after the token it
 * subscribed with is revoked (the tokens are looked up again every few moments, in one query,
 * so a revocation on any instance reaches the sockets of every instance).
 */
@Injectable()
export class SocketRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger(SocketRegistry.name);
  private readonly sockets = new Map<WebSocket, OpenSocket>();
  private recheck: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly pool: Pool,
  ) {}

  watch(server: WebSocketServer): void {
    server.on('connection', (socket: WebSocket) => {
      const entry: OpenSocket = {
        initTimer: setTimeout(() => {
          socket.close(closeCodes.initTimeout, 'Connection initialisation timeout');
        }, this.config.websockets.initTimeoutMs),
        principalId: null,
        subscriptions: new Map(),
      };
      this.sockets.set(socket, entry);
      socket.once('close', () => {
        clearTimeout(entry.initTimer);
        for (const ended of entry.subscriptions.values()) ended.abort();
        this.sockets.delete(socket);
      });
    });
    this.recheck = setInterval(
      () => void this.closeRevoked(),
      this.config.websockets.tokenRecheckMs,
    );
    this.recheck.unref();
  }

  /** The socket said connection_init. */
  initialised(socket: WebSocket): void {
    const entry = this.sockets.get(socket);
    if (entry) clearTimeout(entry.initTimer);
  }

  /**
   * A subscription starts on a socket: refused past the limit. A socket speaks for the first
   * principal that subscribed on it.
   */
  opened(
    socket: WebSocket | undefined,
    subscriptionId: string | number | undefined,
    principal: Principal,
  ): HeldSubscription {
    const entry = socket ? this.sockets.get(socket) : undefined;
    const ended = new AbortController();
    if (!entry || subscriptionId === undefined) {
      return { signal: ended.signal, release: () => undefined };
    }
    const id = String(subscriptionId);
    const max = this.config.websockets.maxSubscriptions;
    if (entry.subscriptions.size >= max) {
      throw new AppError(
        'LIMIT_EXCEEDED',
        `a connection may hold at most ${max} subscriptions; open another connection or end one`,
        'subscription',
        { limit: max },
      );
    }
    entry.principalId ??= principal.id;
    entry.subscriptions.set(id, ended);
    return {
      signal: ended.signal,
      release: () => {
        if (entry.subscriptions.get(id) === ended) entry.subscriptions.delete(id);
      },
    };
  }

  /**
   * The client ended a subscription (graphql-transport-ws `complete`). Its generator may be
   * waiting for the sprint's next change; the signal ends it now, not at that change.
   */
  ended(socket: WebSocket | undefined, subscriptionId: string | number): void {
    const entry = socket ? this.sockets.get(socket) : undefined;
    entry?.subscriptions.get(String(subscriptionId))?.abort();
  }

  onApplicationShutdown(): void {
    clearInterval(this.recheck);
    for (const entry of this.sockets.values()) clearTimeout(entry.initTimer);
  }

  private async closeRevoked(): Promise<void> {
    const ids = [
      ...new Set([...this.sockets.values()].flatMap((entry) => entry.principalId ?? [])),
    ];
    if (ids.length === 0 || this.checking) return;
    this.checking = true;
    try {
      const live = await this.pool.query<{ id: string }>(
        'SELECT id FROM api_tokens WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL',
        [ids],
      );
      const alive = new Set(live.rows.map((row) => row.id));
      for (const [socket, entry] of this.sockets) {
        if (entry.principalId !== null && !alive.has(entry.principalId)) {
          socket.close(closeCodes.forbidden, 'Forbidden: the token was revoked');
        }
      }
    } catch (error) {
      this.logger.warn(`could not check the tokens of open sockets: ${String(error)}`);
    } finally {
      this.checking = false;
    }
  }
}
