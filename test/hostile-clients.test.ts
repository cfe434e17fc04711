import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { startTestApp, type GraphqlResponse, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { addNamedEntities, everyMutation, sprint } from './builders/mutation-inputs.js';
import { aSprintPlan } from './builders/sprint-plan.builder.js';
import { coordinatorToken, repoRoot, testConfig } from './support/environment.js';

const breakout = 'x\n```\n# Owned\n[click](javascript:alert(1))\n| a | b |';

/** Markdown in which no client text ends a fence, starts a line or makes live markup. */
function assertContained(markdown: string): void {
  let fenced = false;
  for (const line of markdown.split('\n')) {
    assert.doesNotMatch(
      line,
      /^(# Owned|\[click\]|\| a \|)/,
      `a client text starts a line: ${line}`,
    );
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced) {
      assert.doesNotMatch(line, /(?<!\\)\]\(javascript:/, 'a client made a link');
    }
  }
  assert.equal(fenced, false, 'every fence is closed');
}

/** The same plan with every text the hostile one changed written as one plain word. */
function plainTexts(plan: ReturnType<typeof aSprintPlan>) {
  return {
    name: 'Sprint 9: x',
    branch: 'x',
    agents: plan.agents.map((agent) => ({ ...agent, role: 'x' })),
    phases: plan.phases.map((phase) => ({ ...phase, name: `${phase.name.split(' ')[0] ?? ''} x` })),
    deliverables: [{ id: 'D-1', category: 'CODE' as const, name: 'x', phase: 1 }],
  };
}

const objectBuiltins = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'prototype',
];

/** The input with the value at `path` (`blocker.taskId`, `assignees[0]`) replaced. */
function withValueAt(input: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(input);
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) ?? ''] = value;
  return copy;
}

type UserErrors = { code: string; field: string | null; message: string }[];

async function mutateRaw(app: TestApp, mutation: string, input: Record<string, unknown>) {
  const type = `${mutation[0]?.toUpperCase() ?? ''}${mutation.slice(1)}Input`;
  return app.graphql<Record<string, { userErrors: UserErrors; events: unknown[] } | null>>(
    `mutation ($input: ${type}!) { ${mutation}(input: $input) { events { type } userErrors { code field message } } }`,
    { input },
  );
}

/** The one problem an answer reports, wherever it reports it. */
function problemOf(body: GraphqlResponse<unknown>) {
  const extensions = body.errors?.[0]?.extensions;
  if (extensions) return { code: extensions.code, field: extensions.field ?? null };
  const payloads = Object.values((body.data ?? {}) as Record<string, { userErrors?: UserErrors }>);
  const [userError] = payloads[0]?.userErrors ?? [];
  return userError ? { code: userError.code, field: userError.field } : null;
}

function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

describe('hostile and careless clients', () => {
  let db: TestDatabase;
  let app: TestApp;

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    await app.importDemoSprint();
    await addNamedEntities(app);
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('finds nothing by the names of object built-ins, and records nothing invented', async () => {
    const before = await countEvents(db.pool);
    let cases = 0;
    for (const { name: mutation, input, ids } of everyMutation) {
      if (ids === undefined) continue;
      for (const field of ['sprintId', ...ids]) {
        for (const name of objectBuiltins) {
          const body = await mutateRaw(app, mutation, withValueAt(input, field, name));
          const problem = problemOf(body);
          const label = `${mutation}(${field}: ${name})`;
          assert.ok(problem, `${label} was accepted: ${JSON.stringify(body).slice(0, 300)}`);
          assert.ok(
            ['NOT_FOUND', 'VALIDATION_FAILED'].includes(String(problem.code)),
            `${label}: ${String(problem.code)}`,
          );
          assert.equal(problem.field, field, `${label}: field`);
          cases += 1;
        }
      }
    }
    assert.ok(cases >= 500, `${cases} cases`);
    assert.equal(await countEvents(db.pool), before, 'nothing was recorded');
    const quality = await app.graphql<{ sprint: { qualityTargets: { metric: string }[] } }>(
      '{ sprint(id: "sprint-4") { qualityTargets { metric } } }',
    );
    assert.ok(quality.data?.sprint.qualityTargets.every((t) => !objectBuiltins.includes(t.metric)));
    console.log(`object built-ins: ${cases} cases, none recorded`);
  });

  it('refuses NUL and lone surrogates in any text, plan included, naming the field', async () => {
    const before = await countEvents(db.pool);
    for (const bad of ['a\u0000b', 'x\ud800', '\udc00y']) {
      const issue = await mutateRaw(app, 'reportIssue', { ...sprint, severity: 'P2', title: bad });
      assert.deepEqual(problemOf(issue), { code: 'VALIDATION_FAILED', field: 'title' });
      const nested = await mutateRaw(app, 'logCommunication', {
        ...sprint,
        from: 'qa-engineer',
        subject: 's',
        body: 'b',
        type: 'BLOCKER',
        blocker: { severity: 'P3', taskId: bad },
      });
      assert.deepEqual(problemOf(nested), { code: 'VALIDATION_FAILED', field: 'blocker.taskId' });
      const listed = await mutateRaw(app, 'reassignTask', {
        ...sprint,
        taskId: '1.1',
        assignees: ['python-pro', bad],
      });
      assert.deepEqual(problemOf(listed), { code: 'VALIDATION_FAILED', field: 'assignees[1]' });
      const query = await app.graphql('query ($id: ID!) { sprint(id: $id) { id } }', { id: bad });
      assert.deepEqual(problemOf(query), { code: 'VALIDATION_FAILED', field: 'id' });
    }
    const escapes = ['"\\0"', '"\\ud800"', '"a\\u0000"'];
    for (const escape of escapes) {
      const plan = (await readFile(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8'))
        .replace(/^key: .*$/m, 'key: sprint-nul')
        .replace(/^name: .*$/m, `name: ${escape}`);
      const imported = await mutateRaw(app, 'importSprintPlan', { plan });
      assert.deepEqual(problemOf(imported), { code: 'VALIDATION_FAILED', field: 'plan.name' });
    }
    const literal = await app.graphql(
      'mutation { reportIssue(input: { sprintId: "sprint-4", severity: P2, title: "a\\u0000" }) { userErrors { code field } } }',
    );
    assert.deepEqual(problemOf(literal), { code: 'VALIDATION_FAILED', field: 'title' });
    assert.equal(await countEvents(db.pool), before, 'nothing was recorded');
  });

  it('names the field of a mistake written in the query text as it does for variables', async () => {
    const logHours = 'sprintId: "sprint-4", taskId: "1.1", agent: "python-pro"';
    const blockerMessage =
      'sprintId: "sprint-4", from: "qa-engineer", subject: "s", body: "b", type: BLOCKER';
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      [
        `mutation { logHours(input: { ${logHours}, hours: NaN }) { __typename } }`,
        undefined,
        'hours',
      ],
      [
        `mutation { logHours(input: { ${logHours}, hours: "many" }) { __typename } }`,
        undefined,
        'hours',
      ],
      [
        'mutation { logHours(input: { sprintId: "sprint-4", agent: "python-pro", hours: 1 }) { __typename } }',
        undefined,
        'taskId',
      ],
      [
        'mutation { raiseBlocker(input: { sprintId: "sprint-4", severity: P9, agent: "qa-engineer", description: "x" }) { __typename } }',
        undefined,
        'severity',
      ],
      [
        `mutation { logCommunication(input: { ${blockerMessage}, blocker: { taskId: "1.1" } }) { __typename } }`,
        undefined,
        'blocker.severity',
      ],
      [
        'mutation ($input: LogCommunicationInput!) { logCommunication(input: $input) { __typename } }',
        {
          input: {
            ...sprint,
            from: 'qa-engineer',
            subject: 's',
            body: 'b',
            type: 'BLOCKER',
            blocker: {},
          },
        },
        'blocker.severity',
      ],
      ['{ blockers(sprintId: "sprint-4", first: "ten") { totalCount } }', undefined, 'first'],
    ];
    for (const [query, variables, field] of cases) {
      assert.deepEqual(problemOf(await app.graphql(query, variables)), {
        code: 'GRAPHQL_VALIDATION_FAILED',
        field,
      });
    }
  });

  it('does not echo a 1 MB variable of the wrong type back', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    const response = await request(app.url)
      .post('/graphql')
      .set('authorization', `Bearer ${coordinatorToken}`)
      .send({
        query: 'mutation ($input: LogHoursInput!) { logHours(input: $input) { __typename } }',
        variables: { input: { ...sprint, taskId: '1.1', agent: 'python-pro', hours: huge } },
      });
    assert.ok(response.text.length < 2000, `answer of ${response.text.length} characters`);
    assert.equal(
      (response.body as GraphqlResponse<unknown>).errors?.[0]?.extensions?.field,
      'hours',
    );
  });

  it('answers nothing, not even introspection, to a request without a token', async () => {
    for (const query of ['{ __typename }', '{ __schema { types { name } } }', '{ me { name } }']) {
      const response = await request(app.url).post('/graphql').send({ query });
      assert.equal(response.status, 401, query);
      const body = response.body as GraphqlResponse<unknown>;
      assert.equal(body.data, null);
      assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    }
  });

  it('keeps no memory for refused megabyte documents, with a token or without', async () => {
    const start = rssMiB();
    for (let index = 0; index < 25; index += 1) {
      const query = `query V${index} { me { ${'name '.repeat(350_000)} } }`;
      const call = request(app.url).post('/graphql');
      if (index % 2 === 0) void call.set('authorization', `Bearer ${coordinatorToken}`);
      const response = await call.send({ query });
      const body = response.body as GraphqlResponse<unknown>;
      assert.equal(
        body.errors?.[0]?.extensions?.code,
        index % 2 === 0 ? 'QUERY_TOO_COMPLEX' : 'UNAUTHENTICATED',
      );
    }
    const grown = rssMiB() - start;
    console.log(`25 documents of 1.75 MB: RSS ${start} MiB -> ${start + grown} MiB`);
    assert.ok(grown < 300, `RSS grew by ${grown} MiB`);
  });

  it('refuses a nest of doubled fragment spreads at once, whatever its depth', async () => {
    // ...F1 ...F1 nested forty times asks for 2^40 fields: walked spread by spread, the limits
    // would take longer than this test may run; measured once per fragment they take no time.
    const fragments = Array.from(
      { length: 40 },
      (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`,
    ).join('\n');
    const body = await app.graphql(
      `query { ...F0 }\n${fragments}\nfragment F40 on Query { me { name } }`,
    );
    assert.equal(body.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    const health = await request(app.url).get('/health/live');
    assert.equal(health.status, 200);
  });

  it('counts aliases of __typename and __schema against the alias limit', async () => {
    // 100 aliases pass the token budget and meet the alias limit; 100,000 (the size once
    // answered, 1.7 MB, without a token) are refused by the budget itself.
    for (const count of [100, 100_000]) {
      const typenames = Array.from({ length: count }, (_, index) => `t${index}: __typename`);
      const body = await app.graphql(`{ ${typenames.join(' ')} }`);
      assert.equal(body.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX', `${count} aliases`);
    }
    const schemas = Array.from(
      { length: 30 },
      (_, index) => `s${index}: __schema { queryType { name } }`,
    ).join(' ');
    const schemaBody = await app.graphql(`{ ${schemas} }`);
    assert.equal(schemaBody.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
  });

  it('escapes every client text in the markdown dashboard for where it lands', async () => {
    const base = aSprintPlan();
    const plan = aSprintPlan({
      key: 'sprint-markdown',
      name: `Sprint 9: ${breakout}`,
      branch: breakout,
      agents: base.agents.map((agent) => ({ ...agent, role: breakout })),
      phases: base.phases.map((phase) => ({ ...phase, name: `${phase.name} ${breakout}` })),
      deliverables: [{ id: 'D-1', category: 'CODE', name: breakout, phase: 1, path: breakout }],
    });
    const imported = await app.mutate('importSprintPlan', { plan: JSON.stringify(plan) });
    assert.deepEqual(imported.userErrors, []);
    const issue = await app.mutate('reportIssue', {
      sprintId: 'sprint-markdown',
      severity: 'P1',
      title: breakout.slice(0, 60),
    });
    assert.deepEqual(issue.userErrors, []);
    const body = await app.graphql<{ dashboardMarkdown: string }>(
      '{ dashboardMarkdown(sprintId: "sprint-markdown") }',
    );
    const markdown = body.data?.dashboardMarkdown ?? '';
    assert.ok(
      markdown.startsWith('# Sprint 9: x \\`\\`\\` \\# Owned \\[click\\]\\(javascript:'),
      'the heading is escaped and on one line',
    );
    const plain = await app.mutate('importSprintPlan', {
      plan: JSON.stringify({ ...plan, key: 'sprint-plain', ...plainTexts(plan) }),
    });
    assert.deepEqual(plain.userErrors, []);
    await app.mutate('reportIssue', { sprintId: 'sprint-plain', severity: 'P1', title: 'x' });
    const plainBody = await app.graphql<{ dashboardMarkdown: string }>(
      '{ dashboardMarkdown(sprintId: "sprint-plain") }',
    );
    assert.equal(
      markdown.split('\n').length,
      (plainBody.data?.dashboardMarkdown ?? '').split('\n').length,
      'client text added no line',
    );
    assertContained(markdown);
    const http = await request(app.url)
      .get('/sprints/sprint-markdown/dashboard.md')
      .set('authorization', `Bearer ${coordinatorToken}`);
    assertContained(http.text);
  });

  it('takes queries only as GraphQL text, never as a syntax tree in JSON or a number', async () => {
    const send = async (body: string) => {
      const response = await request(app.url)
        .post('/graphql')
        .set('authorization', `Bearer ${coordinatorToken}`)
        .set('content-type', 'application/json')
        .send(body);
      return response.body as GraphqlResponse<unknown>;
    };
    const tree = JSON.stringify({ kind: 'Document', definitions: [] });
    for (const body of [
      JSON.stringify({ query: 0.5 }),
      JSON.stringify({ query: tree }),
      JSON.stringify({ query: '{}' }),
      JSON.stringify({ query: 'true' }),
      JSON.stringify({ query: '{ me { name } }', variables: [1] }),
      '[1]',
    ]) {
      const code = (await send(body)).errors?.[0]?.extensions?.code;
      assert.ok(
        code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST',
        `${body}: ${String(code)}`,
      );
    }
  });

  it('refuses a crafted cursor as not one the list gave', async () => {
    for (const place of ['2147483648', '99999999999999999999', '-1', '1e3']) {
      const cursor = Buffer.from(`place:${place}`).toString('base64url');
      const body = await app.graphql(
        `{ history(sprintId: "sprint-4", first: 5, after: "${cursor}") { totalCount } }`,
      );
      assert.deepEqual(problemOf(body), { code: 'VALIDATION_FAILED', field: 'after' });
    }
  });

  it('labels metrics only from the schema, whatever operation names 3,000 requests send', async () => {
    const size = async () => (await request(app.url).get('/metrics')).text.length;
    await app.graphql('query Warmup { me { name } }');
    const start = await size();
    for (let index = 0; index < 3000; index += 1) {
      const call = request(app.url).post('/graphql');
      if (index % 2 === 0) void call.set('authorization', `Bearer ${coordinatorToken}`);
      await call.send({ query: `query Op${index} { me { name } }`, operationName: `Op${index}` });
    }
    const text = (await request(app.url).get('/metrics')).text;
    assert.doesNotMatch(text, /Op\d+/);
    assert.ok(text.length - start < 4000, `metrics grew by ${text.length - start} characters`);
    assert.match(text, /operation="me"/);
  });
});
