import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { loadSprint } from '../../src/sprints/ledger/snapshots.js';
import { sprintDomain } from '../../src/sprints/sprint-domain.js';
import { lookup, type SprintState } from '../../src/sprints/model/state.js';
import { coordinator } from '../../src/sprints/model/vocabulary.js';
import { rebuildReadModels } from '../../src/read-models/rebuild.js';
import { readModelContents } from '../support/read-models.js';
import { repoRoot } from '../support/environment.js';

import { fuzzCase, loadSchema, type FuzzCase } from './fuzz-cases.js';

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

/**
 * What of an answer may not show a leak: its errors and, outside them, what no plan holds. The
 * demo plan's command reference runs `psql -c "SELECT version();"`: SQL in the data is the
 * plan's own text, SQL in an error is the service's.
 */
function leakIn(answer: string): boolean {
  let body: { errors?: unknown; data?: unknown };
  try {
    body = JSON.parse(answer) as { errors?: unknown; data?: unknown };
  } catch {
    return leaks.test(answer);
  }
  const dataText = JSON.stringify(body.data ?? null);
  return (
    leaks.test(JSON.stringify(body.errors ?? null)) ||
    /\n\s+at |node_modules|relation "|"code":"INTERNAL"/.test(dataText)
  );
}

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
/** Times /health/live from a thread of its own; the longest answer, once stopped. */
function startHealthPinger(url: string): () => Promise<number> {
  // The cases are built in this thread, and building a 300,000-field document here must not
  // pass for the service being slow.
  const pinger = new Worker(healthPinger, { eval: true, workerData: `${url}/health/live` });
  return () =>
    new Promise<number>((resolve) => {
      pinger.once('message', (longest: number) => {
        void pinger.terminate();
        resolve(longest);
      });
      pinger.postMessage('stop');
    });
}

interface Tally {
  readonly statuses: Record<string, number>;
  accepted: number;
  eventsRecorded: number;
  peakRssMiB: number | null;
}

/** Sends one case and checks the service's answer against what its log shows. */
async function checkCase(target: FuzzTarget, fuzz: FuzzCase, tally: Tally): Promise<void> {
  const countEvents = async () =>
    Number((await target.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);
  const before = await countEvents();
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    body: fuzz.body,
  });
  const { status } = response;
  const answer = await response.text();
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  if (status >= 500) throw new Error(`${fuzz.label}: HTTP ${status}: ${answer.slice(0, 300)}`);
  if (leakIn(answer)) throw new Error(`${fuzz.label}: leaks: ${answer.slice(0, 300)}`);
  const grown = (await countEvents()) - before;
  let recorded = 0;
  if (fuzz.mutation) {
    const body = JSON.parse(answer) as {
      data?: Record<string, { events?: unknown[]; userErrors?: unknown[] } | null> | null;
    };
    const payload = body.data?.[fuzz.mutation];
    if (payload && payload.userErrors?.length === 0) {
      recorded = payload.events?.length ?? 0;
      tally.accepted += 1;
    }
  }
  if (grown !== recorded) {
    throw new Error(`${fuzz.label}: the log grew by ${grown}, the answer said ${recorded}`);
  }
  tally.eventsRecorded += recorded;
  const rss = rssMiB(target.pid);
  if (rss !== null) tally.peakRssMiB = Math.max(tally.peakRssMiB ?? 0, rss);
}

/** What must hold once the cases are sent: nothing invented, read models equal to a rebuild. */
async function checkAfterwards(target: FuzzTarget): Promise<string | null> {
  const invented = await inventedReferences(target.pool);
  if (invented.length > 0) {
    return `recorded events name what does not exist: ${invented.slice(0, 5).join('; ')}`;
  }
  const live = await readModelContents(target.pool);
  await rebuildReadModels(target.pool);
  const rebuilt = await readModelContents(target.pool);
  const differing = Object.keys(live).filter(
    (table) => JSON.stringify(live[table]) !== JSON.stringify(rebuilt[table]),
  );
  return differing.length === 0
    ? null
    : `the read models differ from a rebuild: ${differing.join(', ')}`;
}

export async function runFuzz(
  target: FuzzTarget,
  runs: number,
  seed: number,
  maxHealthMs = 100,
): Promise<FuzzReport> {
  const schema = loadSchema();
  const startRssMiB = rssMiB(target.pid);
  const tally: Tally = { statuses: {}, accepted: 0, eventsRecorded: 0, peakRssMiB: startRssMiB };
  const stopPinger = startHealthPinger(target.url);
  let longestHealthMs: number;
  let failure: string | null = null;
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCase(schema), (fuzz) => checkCase(target, fuzz, tally)),
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
  failure ??= await checkAfterwards(target);
  return {
    runs,
    seed,
    failure,
    statuses: tally.statuses,
    accepted: tally.accepted,
    eventsRecorded: tally.eventsRecorded,
    longestHealthMs: Math.round(longestHealthMs),
    longestLoopDelayMs,
    startRssMiB,
    peakRssMiB: tally.peakRssMiB,
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
