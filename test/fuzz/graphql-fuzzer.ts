import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Pool } from 'pg';
import { loadSprint } from '../../src/sprints/ledger/snapshots.js';
import { sprintDomain } from '../../src/sprints/sprint-domain.js';
import { lookup, type SprintState } from '../../src/sprints/model/state.js';
import { coordinator } from '../../src/sprints/model/vocabulary.js';
import { rebuildReadModels } from '../../src/read-models/rebuild.js';
import { aSprintPlan } from '../builders/sprint-plan.builder.js';
import { readModelContents } from '../support/read-models.js';
import { repoRoot } from '../support/environment.js';

/** One request the fuzzer sends: a body (JSON, or raw text that is not JSON at all). */
export interface FuzzCase {
  readonly label: string;
  readonly body: string;
  /** The mutation field, when the case is one: its payload says whether it was accepted. */
  readonly mutation: string | null;
}

/** Names in the demo sprint, and names that must find nothing. */
const knownIds = [
  'sprint-4',
  '1.1',
  '2.1',
  '4.1',
  'python-pro',
  'devops-engineer',
  'qa-engineer',
  'coordinator',
  'B-1',
  'I-1',
  'C-1',
  'CP-1',
  'D-01',
  'R-1',
  'Test Coverage',
];
const hostileTexts = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '\u0000',
  'a\u0000b',
  'x\ud800',
  '\udc00y',
  '',
  ' ',
  "'; DROP TABLE events; --",
  '\n```\n# heading\n[x](javascript:alert(1))',
  '🙂'.repeat(60),
  'x'.repeat(4001),
];
const edgeNumbers = [0, -1, 1, 0.5, 24, 24.01, 1e308, -1e308, 2 ** 31, 2 ** 53, 1e-9];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...knownIds) },
  { weight: 3, arbitrary: fc.constantFrom(...hostileTexts) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...edgeNumbers),
  text,
  fc.constant({}),
  fc.constant([]),
  fc.constant({ nested: { deeper: [1, 2, 3] } }),
);

/**
 * A value for an input type of the schema: mostly of the type, with names of the demo sprint
 * and hostile text, sometimes of another type or missing, so that validation has work to do.
 */
function valueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const wrong = anyJson;
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 12, arbitrary: valueFor(type.ofType, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  if (isListType(type)) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(valueFor(type.ofType, depth), { maxLength: 4 }) },
      { weight: 1, arbitrary: wrong },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: fc.constantFrom('P9', 'NOT_A_VALUE', 'p0', '') },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc
      .tuple(
        ...fields.map((field) =>
          fc.option(valueFor(field.type, depth + 1), { freq: 8, nil: undefined }),
        ),
        fc.option(fc.constant({ unknownField: 1 }), { freq: 20, nil: undefined }),
      )
      .map(([...values]) => {
        const extra = values.pop() as Record<string, unknown> | undefined;
        const object: Record<string, unknown> = { ...(extra ?? {}) };
        fields.forEach((field, index) => {
          if (values[index] !== undefined) object[field.name] = values[index];
        });
        return object;
      });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(...edgeNumbers), wrong);
      case 'Float':
        return fc.oneof(
          fc.double({ noNaN: true, min: -5, max: 30 }),
          fc.constantFrom(...edgeNumbers),
          wrong,
        );
      case 'Boolean':
        return fc.oneof(fc.boolean(), wrong);
      default:
        return fc.oneof({ weight: 10, arbitrary: text }, { weight: 1, arbitrary: wrong });
    }
  }
  return wrong;
}

/** A value written as a GraphQL literal, as a client would inline it in the query text. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const inner = isListType(isNonNullType(type) ? type.ofType : type)
      ? isNonNullType(type)
        ? type.ofType
        : type
      : type;
    const itemType = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((item) => literal(item, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? named)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(named) && /^[A-Za-z_]\w*$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'NaN';
  return JSON.stringify(value);
}

/** A selection of a type's fields, to `depth`, sometimes aliased, sometimes in a fragment. */
function selectionOf(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((field) =>
    field.args.every((arg) => !isNonNullType(arg.type)),
  );
  const leaf = (field: GraphQLField<unknown, unknown>) => {
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      return depth <= 0
        ? fc.constant('__typename')
        : selectionOf(named, depth - 1).map((inner) => `${field.name} { ${inner} }`);
    }
    return fc.constant(field.name);
  };
  return fc
    .array(fc.constantFrom(...fields), { minLength: 1, maxLength: 5 })
    .chain((picked) => fc.tuple(...picked.map(leaf), fc.boolean(), fc.nat(20)))
    .map((parts) => {
      const alias = parts.pop() as number;
      const aliased = parts.pop() as boolean;
      const selections = parts as string[];
      return selections
        .map((selection, index) => (aliased && index === 0 ? `a${alias}: ${selection}` : selection))
        .join(' ');
    });
}

const sprintPayloadSelection =
  '__typename events { eventId type } userErrors { code field message } replayed';

function mutationCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
  return fc.constantFrom(...mutations).chain((field) => {
    const input = field.args.find((arg) => arg.name === 'input');
    if (!input) return fc.constant({ label: field.name, body: '{}', mutation: null });
    const payload = getNamedType(field.type);
    const selection =
      isObjectType(payload) && 'userErrors' in payload.getFields()
        ? sprintPayloadSelection
        : '__typename';
    return fc.tuple(valueFor(input.type, 0), fc.boolean()).map(([value, inline]) => {
      const inputType = getNamedType(input.type).name;
      const body = inline
        ? {
            query: `mutation { ${field.name}(input: ${literal(value, input.type)}) { ${selection} } }`,
          }
        : {
            query: `mutation ($input: ${inputType}!) { ${field.name}(input: $input) { ${selection} } }`,
            variables: { input: value },
          };
      return {
        label: `${field.name}${inline ? ' (inline)' : ''}`,
        body: JSON.stringify(body),
        mutation: selection === sprintPayloadSelection ? field.name : null,
      };
    });
  });
}

function queryCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {});
  return fc.constantFrom(...queries).chain((field) => {
    const args = field.args.map((arg) =>
      fc
        .option(valueFor(arg.type, 0), { freq: 6, nil: undefined })
        .map((value) => ({ arg, value })),
    );
    const named = getNamedType(field.type);
    const selection = isObjectType(named)
      ? selectionOf(named, 3).map((s) => `{ ${s} }`)
      : fc.constant('');
    return fc.tuple(fc.tuple(...args), selection).map(([values, picked]) => {
      const written = values
        .filter(({ value }) => value !== undefined)
        .map(({ arg, value }) => `${arg.name}: ${literal(value, arg.type)}`);
      const argumentList = written.length ? `(${written.join(', ')})` : '';
      return {
        label: field.name,
        body: JSON.stringify({ query: `{ ${field.name}${argumentList} ${picked} }` }),
        mutation: null,
      };
    });
  });
}

/** Documents built to hurt: fragment bombs, alias floods, deep nests, token floods, junk. */
const adversarialCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    const fragments = Array.from(
      { length: depth },
      (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`,
    ).join(' ');
    return {
      label: `fragment bomb ${depth}`,
      body: JSON.stringify({
        query: `query { ...F0 } ${fragments} fragment F${depth} on Query { me { name } }`,
      }),
      mutation: null,
    };
  }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 3000 }),
      fc.constantFrom('__typename', '__schema { queryType { name } }', 'me { name }'),
    )
    .map(([count, field]) => ({
      label: `${count} aliases of ${field}`,
      body: JSON.stringify({
        query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`,
      }),
      mutation: null,
    })),
  fc.integer({ min: 1, max: 200 }).map((depth) => ({
    label: `nest ${depth}`,
    body: JSON.stringify({
      query: `{ ${'sprint(id: "sprint-4") { agents { name } '.repeat(depth)}${'}'.repeat(depth * 2)} }`,
    }),
    mutation: null,
  })),
  fc.integer({ min: 1000, max: 300_000 }).map((fields) => ({
    label: `${fields} fields`,
    body: JSON.stringify({ query: `query V${fields} { me { ${'name '.repeat(fields)} } }` }),
    mutation: null,
  })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((junk) => ({
    label: 'junk query',
    body: JSON.stringify({ query: junk }),
    mutation: null,
  })),
  fc.string({ maxLength: 100 }).map((junk) => ({ label: 'junk body', body: junk, mutation: null })),
  fc.tuple(anyJson, anyJson).map(([query, variables]) => ({
    label: 'query of any type',
    body: JSON.stringify({ query, variables }),
    mutation: null,
  })),
  fc
    .constantFrom('{"query": ', '[{"query":"{ me { name } }"},{"query":"{ me { name } }"}]')
    .map((body) => ({ label: 'malformed or batched', body, mutation: null })),
);

/** Plans with one part made wrong: a reference to nowhere, a cycle, a built-in name, junk. */
const planCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.constantFrom('key', 'agent', 'assignee', 'dependency', 'phase', 'text', 'valid'),
    fc.constantFrom(...hostileTexts, ...knownIds),
    fc.nat(1_000_000),
    fc.boolean(),
  )
  .map(([broken, value, suffix, asYaml]) => {
    const base = aSprintPlan({ key: `fuzz-${suffix}` });
    const [first, ...rest] = base.phases;
    const phases = first ? [first, ...rest] : rest;
    const plan = {
      ...base,
      key: broken === 'key' ? value : base.key,
      agents:
        broken === 'agent' ? [...base.agents, { ...base.agents[0], name: value }] : base.agents,
      phases: phases.map((phase, index) =>
        index === 0
          ? {
              ...phase,
              name: broken === 'text' ? value : phase.name,
              dependsOn: broken === 'phase' ? [3] : phase.dependsOn,
              tasks: phase.tasks.map((task, t) =>
                t === 0
                  ? {
                      ...task,
                      assignees: broken === 'assignee' ? [value] : task.assignees,
                      dependsOn: broken === 'dependency' ? [value] : task.dependsOn,
                    }
                  : task,
              ),
            }
          : phase,
      ),
    };
    const json = JSON.stringify(plan);
    return {
      label: `plan with ${broken}`,
      body: JSON.stringify({
        query:
          'mutation ($plan: String!) { importSprintPlan(input: { plan: $plan }) { ' +
          sprintPayloadSelection +
          ' } }',
        variables: { plan: asYaml ? json.replace(/^\{/, '{ ') : json },
      }),
      mutation: 'importSprintPlan',
    };
  });

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(`${repoRoot}/schema.graphql`, 'utf8'));
}

/** Every kind of case, weighted towards what the schema allows. */
export function fuzzCase(schema: GraphQLSchema): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { weight: 5, arbitrary: mutationCase(schema) },
    { weight: 3, arbitrary: queryCase(schema) },
    { weight: 2, arbitrary: adversarialCase },
    { weight: 1, arbitrary: planCase },
  );
}

export interface FuzzReport {
  readonly runs: number;
  readonly seed: number;
  readonly failure: string | null;
  readonly statuses: Record<string, number>;
  readonly accepted: number;
  readonly eventsRecorded: number;
  readonly longestHealthMs: number;
  /** The service's own longest event-loop delay over the run, from its /metrics. */
  readonly longestLoopDelayMs: number | null;
  readonly startRssMiB: number | null;
  readonly peakRssMiB: number | null;
}

export interface FuzzTarget {
  readonly url: string;
  readonly token: string;
  readonly pool: Pool;
  /** The service's process id, to read its resident memory. */
  readonly pid: number | null;
}

function rssMiB(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib ? Math.round(Number(kib) / 1024) : null;
  } catch {
    return null;
  }
}

/** prom-client's event-loop delay maximum since the last scrape: the first scrape, here. */
async function loopDelayOf(url: string): Promise<number | null> {
  const text = await fetch(`${url}/metrics`).then((response) => response.text());
  const seconds = /^sprint_ledger_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
  return seconds === undefined ? null : Math.round(Number(seconds) * 1000);
}

/** Asks `/health/live` every 20 ms until told to stop, then answers the longest wait. */
const healthPinger = `
const { parentPort, workerData } = require('node:worker_threads');
let longest = 0;
let on = true;
parentPort.on('message', () => { on = false; });
(async () => {
  while (on) {
    const started = performance.now();
    await fetch(workerData).then((response) => response.text()).catch(() => undefined);
    longest = Math.max(longest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  parentPort.postMessage(longest);
})();
`;

const leaks = /\n\s+at |node_modules|SELECT |INSERT |UPDATE |relation "|"code":"INTERNAL"/;

/** The entity ids an event names, each with the kind of entity it must be. */
function referencesOf(data: Record<string, unknown>): [keyof SprintState, string][] {
  const refs: [keyof SprintState, string][] = [];
  const add = (kind: keyof SprintState, value: unknown) => {
    if (typeof value === 'string') refs.push([kind, value]);
  };
  add('tasks', data.taskId);
  add('blockers', data.blockerId);
  add('issues', data.issueId);
  add('communications', data.communicationId);
  add('checkpoints', data.checkpointId);
  add('deliverables', data.deliverableId);
  add('risks', data.riskId);
  add('qualityTargets', data.metric);
  for (const key of ['agent', 'assignee', 'answeredBy', 'reportedBy', 'from', 'to']) {
    const value = data[key];
    if (typeof value === 'string' && value !== coordinator && !/^[A-Z0-9_]+$/.test(value)) {
      add('agents', value);
    }
  }
  return refs;
}

/** What the fuzzer needs the log to show at the end: nothing named that does not exist. */
async function inventedReferences(pool: Pool): Promise<string[]> {
  const sprints = await pool.query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM events');
  const problems: string[] = [];
  for (const { stream_id: sprintId } of sprints.rows) {
    const { state } = await loadSprint(pool, sprintId, sprintDomain);
    if (!state) continue;
    const events = await pool.query<{ type: string; data: Record<string, unknown> }>(
      'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [sprintId],
    );
    for (const { type, data } of events.rows) {
      if (type === 'SprintPlanned' || type === 'PhaseStatusChanged') continue;
      for (const [kind, id] of referencesOf(data)) {
        const records = state[kind] as Readonly<Record<string, unknown>>;
        if (lookup(records, id) === undefined)
          problems.push(`${sprintId}: ${type} names ${kind} ${id}`);
      }
    }
  }
  return problems;
}

/**
 * Runs `runs` cases against a running service, one at a time, checking each answer, while a
 * second loop times `/health/live`; then checks the log and the read models.
 */
export async function runFuzz(
  target: FuzzTarget,
  runs: number,
  seed: number,
  maxHealthMs = 100,
): Promise<FuzzReport> {
  const schema = loadSchema();
  const post = async (body: string) => {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  const countEvents = async () =>
    Number((await target.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);

  const statuses: Record<string, number> = {};
  let accepted = 0;
  let eventsRecorded = 0;
  let longestHealthMs: number;
  const startRssMiB = rssMiB(target.pid);
  let peakRssMiB = startRssMiB;
  // Timed from a thread of its own: the cases are built in this one, and building a 300,000-field
  // document here must not pass for the service being slow.
  const pinger = new Worker(healthPinger, { eval: true, workerData: `${target.url}/health/live` });
  const stopPinger = () =>
    new Promise<number>((resolve) => {
      pinger.once('message', (longest: number) => {
        void pinger.terminate();
        resolve(longest);
      });
      pinger.postMessage('stop');
    });

  let failure: string | null = null;
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCase(schema), async (fuzz) => {
        const before = await countEvents();
        const { status, text: answer } = await post(fuzz.body);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 500)
          throw new Error(`${fuzz.label}: HTTP ${status}: ${answer.slice(0, 300)}`);
        if (leaks.test(answer)) throw new Error(`${fuzz.label}: leaks: ${answer.slice(0, 300)}`);
        const grown = (await countEvents()) - before;
        let recorded = 0;
        if (fuzz.mutation) {
          const body = JSON.parse(answer) as {
            data?: Record<string, { events?: unknown[]; userErrors?: unknown[] } | null> | null;
          };
          const payload = body.data?.[fuzz.mutation];
          if (payload && payload.userErrors?.length === 0) {
            recorded = payload.events?.length ?? 0;
            accepted += 1;
          }
        }
        if (grown !== recorded) {
          throw new Error(`${fuzz.label}: the log grew by ${grown}, the answer said ${recorded}`);
        }
        eventsRecorded += recorded;
        const rss = rssMiB(target.pid);
        if (rss !== null) peakRssMiB = Math.max(peakRssMiB ?? 0, rss);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    failure = [
      error instanceof Error ? error.message : String(error),
      cause instanceof Error ? cause.message : '',
    ]
      .filter(Boolean)
      .join('\n');
  } finally {
    longestHealthMs = await stopPinger();
  }
  const longestLoopDelayMs = await loopDelayOf(target.url);
  if (failure === null && longestHealthMs > maxHealthMs) {
    failure = `/health/live took ${Math.round(longestHealthMs)} ms at worst, over ${maxHealthMs} ms`;
  }
  if (failure === null) {
    const invented = await inventedReferences(target.pool);
    if (invented.length > 0)
      failure = `recorded events name what does not exist: ${invented.slice(0, 5).join('; ')}`;
  }
  if (failure === null) {
    const live = await readModelContents(target.pool);
    await rebuildReadModels(target.pool);
    const rebuilt = await readModelContents(target.pool);
    if (JSON.stringify(live) !== JSON.stringify(rebuilt))
      failure = 'the read models differ from a rebuild';
  }
  return {
    runs,
    seed,
    failure,
    statuses,
    accepted,
    eventsRecorded,
    longestHealthMs: Math.round(longestHealthMs),
    longestLoopDelayMs,
    startRssMiB,
    peakRssMiB,
  };
}

/** The demo sprint with a blocker, an issue and a question, so the fuzz has things to name. */
export async function seedDemoSprint(url: string, token: string): Promise<void> {
  const plan = readFileSync(`${repoRoot}/fixtures/sprint-4.yaml`, 'utf8');
  const calls: [string, string, Record<string, unknown>][] = [
    ['importSprintPlan', 'ImportSprintPlanInput', { plan }],
    ['startTask', 'StartTaskInput', { sprintId: 'sprint-4', taskId: '1.1', agent: 'python-pro' }],
    [
      'raiseBlocker',
      'RaiseBlockerInput',
      { sprintId: 'sprint-4', severity: 'P3', agent: 'qa-engineer', description: 'slow' },
    ],
    [
      'reportIssue',
      'ReportIssueInput',
      { sprintId: 'sprint-4', severity: 'P2', title: 'flaky', assignee: 'python-pro' },
    ],
    [
      'logCommunication',
      'LogCommunicationInput',
      { sprintId: 'sprint-4', from: 'qa-engineer', subject: 'q', body: 'b', type: 'QUESTION' },
    ],
  ];
  for (const [name, type, input] of calls) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation ($input: ${type}!) { ${name}(input: $input) { userErrors { code message } } }`,
        variables: { input },
      }),
    });
    const body = (await response.json()) as { data?: Record<string, { userErrors: unknown[] }> };
    if (body.data?.[name]?.userErrors.length !== 0) {
      throw new Error(`seeding ${name} failed: ${JSON.stringify(body)}`);
    }
  }
}
