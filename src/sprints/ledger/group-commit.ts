import type { LedgerCommand } from './sprint-domain.js';

/** A command waiting for its sprint's turn, with how it is sent and how it is answered. */
export interface Queued<Options, Result> {
  readonly command: LedgerCommand;
  readonly options: Options;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/** The most commands one transaction takes. */
export const maxBatch = 64;

/**
 * Group commit. Writers of one sprint take turns anyway (its lock), so the commands that arrive
 * while one transaction runs wait here, in arrival order, and the next transaction takes them
 * all: decided one after another on the state each leaves, appended, projected and committed
 * once. A sprint with one writer sees no difference; one with thirty-two pays one lock, one
 * append, one projection and one commit for many commands. Each command still gets its own
 * answer, and a refused one records nothing.
 */
export class SprintQueues<Options, Result> {
  private readonly waiting = new Map<string, Queued<Options, Result>[]>();

  constructor(
    private readonly run: (sprintId: string, batch: Queued<Options, Result>[]) => Promise<void>,
  ) {}

  enqueue(sprintId: string, command: LedgerCommand, options: Options) {
    return new Promise<Result>((resolve, reject) => {
      const queue = this.waiting.get(sprintId);
      if (queue) {
        queue.push({ command, options, resolve, reject });
        return;
      }
      this.waiting.set(sprintId, [{ command, options, resolve, reject }]);
      void this.drain(sprintId);
    });
  }

  /** Runs the sprint's queue batch by batch until it is empty; `run` settles every command. */
  private async drain(sprintId: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(sprintId) ?? [];
      if (queue.length === 0) {
        this.waiting.delete(sprintId);
        return;
      }
      const batch = queue.splice(0, maxBatch);
      await this.run(sprintId, batch).catch((error: unknown) => {
        for (const queued of batch) queued.reject(error);
      });
    }
  }
}
