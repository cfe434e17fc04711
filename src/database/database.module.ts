import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type ClientBase, type PoolClient } from 'pg';
import { AppConfig } from '../config/config.js';

export type Queryable = Pick<ClientBase, 'query'>;

export function createPool(config: AppConfig): Pool {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: config.databasePoolSize,
    application_name: 'sprint-ledger',
    connectionTimeoutMillis: 5000,
  });
  // An idle client whose server went away (a Postgres restart) must not take the process down;
  // the pool drops it and the next checkout opens a fresh connection.
  const logger = new Logger('Database');
  pool.on('error', (error) => {
    logger.warn(`idle connection lost: ${error.message}`);
  });
  return pool;
}

/**
 * Runs `work` in a transaction on a client of its own. `opening`, a statement without
 * parameters (a lock, say), is sent with BEGIN in the same round trip.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  opening?: string,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose server goes away emits 'error'; unheard, that ends the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query(opening ? `BEGIN; ${opening}` : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      // A connection that cannot even roll back is not handed to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

@Global()
@Module({
  providers: [{ provide: Pool, useFactory: createPool, inject: [AppConfig] }],
  exports: [Pool],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
