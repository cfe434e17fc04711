import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Environment } from '../../src/config/config.js';
import { repoRoot } from './environment.js';

export interface RunningService {
  readonly url: string;
  readonly process: ChildProcess;
  output(): string;
  /** Sends the signal and resolves with the exit code (or the signal that ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

function run(env: Environment): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { child, output: () => output };
}

async function exitOf(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return child.exitCode;
  if (child.signalCode !== null) return child.signalCode;
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? signal ?? 'unknown';
}

/** Starts `node dist/src/main.js` and waits until it serves, or fails with what it printed. */
export async function startService(env: Environment, timeoutMs = 30000): Promise<RunningService> {
  const { child, output } = run(env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /GraphQL on (http:\/\/\S+)\/graphql/.exec(output());
    if (match?.[1]) {
      const url = match[1];
      return {
        url,
        process: child,
        output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exitOf(child);
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the service expecting it to refuse to start; returns its exit code and output. */
export async function failedStart(
  env: Environment,
): Promise<{ code: number | string; output: string }> {
  const { child, output } = run(env);
  const code = await exitOf(child);
  return { code, output: output() };
}
