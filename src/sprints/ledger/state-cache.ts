import type { SprintState } from '../model/state.js';

/** A sprint's state at a version, and the version its stored snapshot holds. */
export interface LoadedSprint {
  readonly state: SprintState | null;
  readonly version: number;
  readonly snapshotVersion: number;
  /** The stored snapshot's size as JSON: the bigger, the rarer it is written again. */
  readonly snapshotBytes: number;
}

/**
 * The states this process last committed, by sprint: a command starts from the cached state
 * instead of reading and parsing the snapshot, and the append's version check tells it when
 * another instance wrote since. The log stays the truth: an entry is a state at a
 * version, which the events up to that version always give. Entries are set only after their
 * transaction committed; the least recently used go first.
 */
export class SprintStateCache {
  private readonly entries = new Map<string, LoadedSprint>();

  constructor(private readonly capacity = 256) {}

  get(sprintId: string): LoadedSprint | undefined {
    const entry = this.entries.get(sprintId);
    if (entry) {
      this.entries.delete(sprintId);
      this.entries.set(sprintId, entry);
    }
    return entry;
  }

  delete(sprintId: string): void {
    this.entries.delete(sprintId);
  }

  /** Keeps the later of two states: commits of one sprint may be heard out of order. */
  set(sprintId: string, entry: LoadedSprint): void {
    const known = this.entries.get(sprintId);
    if (known && known.version > entry.version) return;
    this.entries.delete(sprintId);
    this.entries.set(sprintId, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
