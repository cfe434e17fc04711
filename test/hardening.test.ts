import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import request from 'supertest';
import { toGraphqlError } from '../src/common/graphql-errors.js';
import { startTestApp, type GraphqlResponse, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { addNamedEntities, everyMutation as mutations } from './builders/mutation-inputs.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';

interface Case {
  readonly label: string;
  readonly mutation: string;
  readonly input: Record<string, unknown>;
  readonly field: string;
}

const megabyte = 'x'.repeat(1024 * 1024);

/** Each way to break each mutation's input, one field at a time. */
function malformedCases(plan: string): Case[] {
  const cases: Case[] = [];
  for (const spec of mutations) {
    const valid = spec.name === 'importSprintPlan' ? { plan } : spec.input;
    const variant = (label: string, field: string, input: Record<string, unknown>) => {
      cases.push({ label: `${spec.name}: ${label}`, mutation: spec.name, input, field });
    };
    const withValue = (field: string, value: unknown) => ({ ...valid, [field]: value });
    for (const [field, value] of Object.entries(valid)) {
      if (typeof value === 'string') {
        variant(`1 MB ${field}`, field, withValue(field, megabyte));
      }
      const required = [...(spec.requiredText ?? []), ...(spec.enums ?? []), 'sprintId', 'hours'];
      if (required.includes(field)) {
        variant(
          `missing ${field}`,
          field,
          Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field)),
        );
      }
      if (typeof value === 'number') {
        variant(`${field} as text`, field, withValue(field, 'many'));
      }
    }
    for (const field of spec.requiredText ?? []) {
      variant(`empty ${field}`, field, withValue(field, ''));
    }
    for (const field of spec.enums ?? []) {
      variant(`wrong enum ${field}`, field, withValue(field, 'NOT_A_VALUE'));
    }
    if ('sprintId' in valid) {
      variant('unknown sprint', 'sprintId', withValue('sprintId', 'no-such-sprint'));
    }
    if ('hours' in valid) {
      variant('negative hours', 'hours', withValue('hours', -2));
    }
    const id = Object.keys(valid).find((key) => key.endsWith('Id') && key !== 'sprintId');
    if (id) variant(`unknown ${id}`, id, withValue(id, 'no-such-thing'));
  }
  return cases;
}

describe('a GraphQL surface that refuses bad input cleanly', () => {
  let db: TestDatabase;
  let app: TestApp;
  let plan = '';

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(
      testConfig(db.url, {
        RELAY_ENABLED: 'false',
        GRAPHQL_MAX_DEPTH: '4',
        GRAPHQL_MAX_ALIASES: '5',
      }),
    );
    plan = await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
    const imported = await app.mutate('importSprintPlan', { plan });
    assert.deepEqual(imported.userErrors, []);
    await addNamedEntities(app);
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('answers every malformed input to every mutation with a code and the field, recording nothing', async () => {
    const before = await countEvents(db.pool);
    const cases = malformedCases(plan);
    for (const malformed of cases) {
      const type = `${malformed.mutation[0]?.toUpperCase() ?? ''}${malformed.mutation.slice(1)}Input`;
      const body: GraphqlResponse<
        Record<string, { userErrors?: { code: string; field: string }[] } | null>
      > = await app.graphql(
        `mutation ($input: ${type}!) { ${malformed.mutation}(input: $input) { __typename ${
          malformed.mutation.endsWith('ApiToken') ? '' : 'userErrors { code field }'
        } } }`,
        { input: malformed.input },
      );
      const problem =
        body.errors?.[0]?.extensions ?? body.data?.[malformed.mutation]?.userErrors?.[0] ?? null;
      assert.ok(
        problem,
        `${malformed.label}: expected an error, got ${JSON.stringify(body).slice(0, 300)}`,
      );
      assert.ok(
        typeof problem.code === 'string' && problem.code !== 'INTERNAL',
        `${malformed.label}: ${problem.code}`,
      );
      assert.equal(problem.field, malformed.field, `${malformed.label}: field`);
      if (body.errors)
        assert.ok(body.errors[0]?.extensions?.requestId, `${malformed.label}: request id`);
    }
    console.log(`malformed inputs: ${cases.length} cases over ${mutations.length} mutations`);
    assert.ok(cases.length > 150);
    assert.equal(await countEvents(db.pool), before, 'nothing recorded');
    const alive = await app.graphql<{ me: { name: string } }>('{ me { name } }');
    assert.equal(alive.data?.me.name, 'bootstrap-coordinator');
  });

  it('refuses operations over the depth, alias or cost limit before they run', async () => {
    const before = await countEvents(db.pool);
    const code = (body: GraphqlResponse<unknown>) =>
      body.errors?.map((error) => error.extensions?.code);
    const deep = await app.graphql(
      '{ communications(sprintId: "sprint-4") { edges { node { answer { by } } } } }',
    );
    assert.deepEqual(code(deep), ['QUERY_TOO_COMPLEX']);
    const shallow = await app.graphql(
      '{ dashboard(sprintId: "sprint-4") { agents { tasks { id } } } }',
    );
    assert.equal(shallow.errors, undefined, 'depth 4 is allowed');

    const aliases = Array.from(
      { length: 6 },
      (_, index) =>
        `i${index}: reportIssue(input: { sprintId: "sprint-4", severity: P3, title: "spam" }) { __typename }`,
    ).join('\n');
    assert.deepEqual(code(await app.graphql(`mutation { ${aliases} }`)), ['QUERY_TOO_COMPLEX']);

    const costly = Array.from(
      { length: 5 },
      (_, index) =>
        `h${index}: history(sprintId: "sprint-4", first: 100) { nodes { type actor at from to taskId issueId agent blockerId checkpointId } }`,
    ).join('\n');
    assert.deepEqual(code(await app.graphql(`{ ${costly} }`)), ['QUERY_TOO_COMPLEX']);
    assert.equal(await countEvents(db.pool), before, 'the refused mutation did not run');
  });

  it('takes no batched requests and no oversized bodies', async () => {
    const batch = await request(app.url)
      .post('/graphql')
      .set('authorization', `Bearer ${coordinatorToken}`)
      .send([{ query: '{ me { name } }' }, { query: '{ me { name } }' }]);
    assert.ok(
      batch.status >= 400 || (batch.body as GraphqlResponse<unknown>).errors,
      'batch refused',
    );
    const huge = await request(app.url)
      .post('/graphql')
      .set('authorization', `Bearer ${coordinatorToken}`)
      .send({ query: '{ me { name } }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    assert.equal(huge.status, 413);
    assert.equal(
      (huge.body as GraphqlResponse<unknown>).errors?.[0]?.extensions?.code,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('masks unexpected errors: no stack trace, no SQL, a code', () => {
    const failure = new Error('relation "secret_table" does not exist');
    const masked = toGraphqlError(new GraphQLError(failure.message, { originalError: failure }));
    assert.deepEqual(masked.extensions, { code: 'INTERNAL' });
    assert.equal(masked.message, 'internal error');
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {});
    assert.equal(
      toGraphqlError(new GraphQLError('x', { originalError: lost })).extensions.code,
      'UNAVAILABLE',
    );
  });

  it('can turn introspection off', async () => {
    const closed = await startTestApp(
      testConfig(db.url, { RELAY_ENABLED: 'false', INTROSPECTION: 'false' }),
    );
    try {
      const body = await closed.graphql('{ __schema { types { name } } }');
      assert.equal(body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
      const open = await app.graphql<{ __schema: { types: unknown[] } }>(
        '{ __schema { types { name } } }',
      );
      assert.ok((open.data?.__schema.types.length ?? 0) > 10);
    } finally {
      await closed.close();
    }
  });
});
