import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One measured figure beside the baseline measured in the same run. */
export interface Figure {
  readonly scenario: string;
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly baselineName: string;
  /** What the issue asks of the ratio value / baseline, as text: ">= 0.5", "<= 1.2". */
  readonly goal?: string;
}

const figures: Figure[] = [];

const column = (text: string, width: number) => text.slice(0, width).padEnd(width);
const number = (value: number | null) =>
  value === null ? '-'.padStart(10) : value.toFixed(2).padStart(10);

export function printHeader(): void {
  console.log(
    `${column('scenario', 46)} ${column('measure', 9)} ${'value'.padStart(10)} ${column('unit', 6)} | ${column('baseline', 34)} ${'value'.padStart(10)} | ratio  goal`,
  );
}

export function record(figure: Figure): void {
  figures.push(figure);
  const ratio = figure.baseline ? `${(figure.value / figure.baseline).toFixed(2)}x` : '-';
  console.log(
    `${column(figure.scenario, 46)} ${column(figure.measure, 9)} ${number(figure.value)} ${column(figure.unit, 6)} | ${column(figure.baselineName, 34)} ${number(figure.baseline)} | ${ratio.padEnd(6)} ${figure.goal ?? ''}`,
  );
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export interface LoadResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly latencies: readonly number[];
  readonly seconds: number;
}

function resultOf(latencies: readonly number[], seconds: number): LoadResult {
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    seconds,
  };
}

/** Several runs of one load as one: operations over all their time, latencies pooled. */
export function pooled(runs: readonly LoadResult[]): LoadResult {
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return resultOf(
    runs.flatMap((run) => run.latencies),
    seconds,
  );
}

/** Runs `concurrency` loops of `call` for `seconds`: operations/s and latencies. */
export async function load(
  seconds: number,
  concurrency: number,
  call: (worker: number, n: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < until; n += 1) {
        const started = performance.now();
        await call(worker, n);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return resultOf(latencies, seconds);
}

/** Times `rounds` calls of `call` one after another. */
export async function sequence(rounds: number, call: (n: number) => Promise<void>) {
  const latencies: number[] = [];
  for (let n = 0; n < rounds; n += 1) {
    const started = performance.now();
    await call(n);
    latencies.push(performance.now() - started);
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Saves the run to bench/results/<date>[-quick].json. */
export async function saveRun(root: string, quick: boolean, machine: object): Promise<string> {
  await mkdir(`${root}bench/results`, { recursive: true });
  const date = new Date().toISOString();
  const file = `${root}bench/results/${date.slice(0, 10)}${quick ? '-quick' : ''}.json`;
  const about = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), ...machine };
  await writeFile(file, `${JSON.stringify({ date, quick, machine: about, figures }, null, 2)}\n`);
  return file;
}
