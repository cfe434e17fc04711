import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { operations } from '../src/agent-tools/operations.js';
import { dayEvents, eventsOf, importDemoAs, playDayOverGraphql } from './support/agent-day.js';
import { startTestApp, type TestApp } from './support/app.js';
import { countEvents, createTestDatabase, type TestDatabase } from './support/database.js';
import { repoRoot, testConfig } from './support/environment.js';

interface Shell {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The agent's day as a shell-based agent writes it: the `sprint-ledger` bin on its PATH. */
const day = String.raw`set -euo pipefail
sprint-ledger task ready --json > ready.json
node -e 'const r = require("./ready.json"); if (r.nodes[0].task.id !== "1.1") process.exit(9)'
sprint-ledger task claim 1.1
sprint-ledger task log 1.1 0.5 --note sketched
blocker=$(sprint-ledger blocker raise --severity P2 --task-id 1.1 \
  --description 'the Temporal dev server will not start' --json |
  node -e 'let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => console.log(JSON.parse(s).blocker.id))')
sprint-ledger blocker resolve "$blocker" --resolution 'port 7233 freed'
sprint-ledger task complete 1.1 --json
`;

describe('the sprint-ledger CLI, from a shell', () => {
  let db: TestDatabase;
  let app: TestApp;
  let bin = '';
  const tokens: Record<string, string> = {};

  const shell = (script: string, token: string): Promise<Shell> =>
    new Promise((resolve, reject) => {
      const child = spawn('bash', ['--norc', '--noprofile', '-c', script], {
        cwd: bin,
        env: {
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          SPRINT_LEDGER_URL: app.url,
          SPRINT_LEDGER_TOKEN: token,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        resolve({ code, stdout, stderr });
      });
    });

  before(async () => {
    db = await createTestDatabase();
    app = await startTestApp(testConfig(db.url, { RELAY_ENABLED: 'false' }));
    for (const key of ['over-graphql', 'from-shell', 'shell-refusals']) {
      tokens[key] = await importDemoAs(app, key);
    }
    // As `npm install` links a package's bin: the built file itself, run by its shebang.
    bin = await mkdtemp(join(tmpdir(), 'sprint-ledger-bin-'));
    await symlink(`${repoRoot}/dist/src/cli/sprint-ledger.js`, join(bin, 'sprint-ledger'));
  });
  after(async () => {
    await app.close();
    await db.drop();
    await rm(bin, { recursive: true, force: true });
  });

  it('plays the agent’s day, recording exactly what GraphQL records', async () => {
    await playDayOverGraphql(app.as(tokens['over-graphql'] ?? ''), 'over-graphql');
    const played = await shell(day, tokens['from-shell'] ?? '');
    assert.equal(played.code, 0, played.stderr);
    // Text for people: YAML of what was recorded; the last step asked for JSON.
    assert.match(played.stdout, /^recorded:\n {2}- HoursLogged$/m);
    assert.match(played.stdout, /"status": "COMPLETE"/);
    const overGraphql = await dayEvents(db, 'over-graphql');
    assert.deepEqual(
      await eventsOf(db, 'from-shell'),
      JSON.parse(JSON.stringify(overGraphql).replaceAll('over-graphql', 'from-shell')),
    );
  });

  it('prints the dashboard Markdown and the sprint status', async () => {
    const shown = await shell(
      'sprint-ledger dashboard && sprint-ledger status --json',
      tokens['from-shell'] ?? '',
    );
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^# Sprint 4: Temporal Workflow Testing - Coordination Dashboard$/m);
    assert.match(shown.stdout, /"status": "ACTIVE"/);
  });

  it('exits 1 with the API’s code on a refusal and 2 on a usage mistake, recording nothing', async () => {
    const before = await countEvents(db.pool);
    const token = tokens['shell-refusals'] ?? '';
    const refused = await shell('sprint-ledger task complete 1.1', token);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      'INVALID_TRANSITION (taskId): task 1.1 is NOT_STARTED, only a task in progress can complete\n',
    );
    const json = await shell('sprint-ledger task claim 1.2 --json', token);
    assert.equal(json.code, 1);
    assert.equal(
      (JSON.parse(json.stderr) as { error: { code: string } }).error.code,
      'DEPENDENCY_NOT_MET',
    );
    const other = await shell('sprint-ledger task ready --sprint-id from-shell', token);
    assert.match(other.stderr, /^FORBIDDEN \(sprintId\): /);
    const unknown = await shell('sprint-ledger task frobnicate', token);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^unknown command: task frobnicate/);
    const hours = await shell('sprint-ledger task log 1.1 --hours x --nope', token);
    assert.equal(hours.code, 2);
    assert.match(hours.stderr, /Unknown option '--nope'/);
    const notNumber = await shell('sprint-ledger task log 1.1 lots', token);
    assert.equal(notNumber.code, 1);
    assert.match(notNumber.stderr, /^VALIDATION_FAILED \(hours\): /);
    const noToken = await shell('sprint-ledger task ready', '');
    assert.match(noToken.stderr, /^UNAUTHENTICATED \(authorization\): /);
    assert.equal(await countEvents(db.pool), before);
  });

  it('documents every operation of the table in --help', async () => {
    const help = await shell('sprint-ledger --help', '');
    assert.equal(help.code, 0);
    for (const operation of operations) {
      assert.ok(
        help.stdout.includes(`sprint-ledger ${operation.words.join(' ')}`),
        `${operation.name} in --help`,
      );
    }
    assert.match(help.stdout, /sprint-ledger task log <taskId> <hours> .*\[--note <value>\]/);
  });
});
