import Fastify from 'fastify';
import mercurius from 'mercurius';
import { Pool } from 'pg';

/**
 * The stack's ceiling: bare Fastify + Mercurius with one mutation that does one INSERT. The
 * bench measures sprint-ledger's `logHours` against this, same client, same run. It prints
 * `ceiling on <url>` once it listens.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const schema = `
  input LogHoursInput { sprintId: ID!, taskId: ID!, agent: String!, hours: Float! }
  type Event { eventId: ID! }
  type UserError { code: String! }
  type LogHoursPayload { events: [Event!]!, userErrors: [UserError!]! }
  type Query { ok: Boolean! }
  type Mutation { logHours(input: LogHoursInput!): LogHoursPayload! }
`;
interface LogHoursArgs {
  readonly input: { sprintId: string; taskId: string; agent: string; hours: number };
}
const resolvers = {
  Query: { ok: () => true },
  Mutation: {
    logHours: async (_: unknown, { input }: LogHoursArgs) => {
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO ceiling_events (stream, data) VALUES ($1, $2) RETURNING id',
        [input.sprintId, JSON.stringify(input)],
      );
      return { events: rows.map((row) => ({ eventId: row.id })), userErrors: [] };
    },
  },
};

async function main(): Promise<void> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS ceiling_events (id bigserial PRIMARY KEY, stream text, data jsonb)',
  );
  const app = Fastify();
  await app.register(mercurius, { schema, resolvers });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`ceiling on ${address}/graphql`);
}

main().catch((error: unknown) => {
  console.error(`ceiling: ${String(error)}`);
  process.exit(1);
});
