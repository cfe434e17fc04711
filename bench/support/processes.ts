import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const children = new Set<ChildProcess>();
// A bench that fails half-way leaves no server behind.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Served {
  readonly child: ChildProcess;
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The server's root: `${origin}/metrics`, `${origin}/sprints/...`. */
  readonly origin: string;
}

export async function ensureBroker(root: string): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  await run('bash', ['scripts/kafka.sh', 'start'], { cwd: root });
}

/** Starts a node script and resolves once it prints the GraphQL URL it serves. */
function serve(root: string, script: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /on (http:\/\/\S+)\/graphql/.exec(output);
      if (match?.[1]) resolve({ child, url: `${match[1]}/graphql`, origin: match[1] });
    });
    child.on('exit', () => {
      reject(new Error(`${script} exited: ${output}`));
    });
  });
}

export interface ServiceOptions {
  readonly databaseUrl: string;
  readonly brokers: string;
  readonly topic: string;
  readonly token: string;
}

export function startService(root: string, options: ServiceOptions): Promise<Served> {
  return serve(root, 'dist/src/main.js', {
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '20',
    KAFKA_BROKERS: options.brokers,
    KAFKA_TOPIC: options.topic,
    COORDINATOR_TOKEN: options.token,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RELAY_IDLE_POLL_MS: '50',
    // One token drives the whole load: the bench measures the pipeline, not a token's budget.
    RATE_LIMIT_ENABLED: 'false',
  });
}

/** Bare Fastify + Mercurius with a one-INSERT mutation: the stack's ceiling. */
export function startCeiling(root: string, databaseUrl: string): Promise<Served> {
  return serve(root, 'dist/bench/ceiling/server.js', { DATABASE_URL: databaseUrl });
}

/** Resident memory now (VmRSS) or at its peak (VmHWM), in MiB. */
export async function memoryOf(pid: number | undefined, which: 'VmRSS' | 'VmHWM') {
  const status = await readFile(`/proc/${pid ?? 0}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${which}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

/**
 * The longest event-loop stall since the previous scrape, in ms: prom-client samples the loop
 * with `monitorEventLoopDelay` and resets its histogram on every scrape.
 */
export async function longestStall(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const seconds = /^sprint_ledger_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
  return Number(seconds ?? 0) * 1000;
}

export function stop(served: Served): Promise<void> {
  return new Promise((resolve) => {
    served.child.removeAllListeners('exit');
    served.child.once('exit', () => {
      resolve();
    });
    served.child.kill('SIGTERM');
  });
}
