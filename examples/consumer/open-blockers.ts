/**
 * A downstream view kept from the sprint-ledger topic: the open blockers of every sprint.
 *
 * The topic delivers at least once and in order per sprint, so the view
 * - skips a message whose `ce_id` it has already applied (a re-send), and
 * - applies a sprint's events only in stream version order (1, 2, 3, ...): anything else is a
 *   gap or a reordering, which it reports instead of guessing.
 */

export interface SprintLedgerEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly sprintId: string;
  readonly streamVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OpenBlocker {
  readonly id: string;
  readonly severity: string;
  readonly agent: string;
  readonly taskId: string | null;
  readonly description: string;
}

export type Outcome = 'applied' | 'duplicate' | 'out-of-order';

interface SprintView {
  version: number;
  readonly appliedIds: Set<string>;
  readonly blockers: Map<string, OpenBlocker>;
}

/** The blocker events this view understands, at the payload versions it was written for. */
const understood: Readonly<Record<string, number>> = {
  BlockerRaised: 1,
  BlockerSeverityChanged: 1,
  BlockerResolved: 1,
};

export class OpenBlockersView {
  private readonly sprints = new Map<string, SprintView>();
  readonly counts = { applied: 0, duplicates: 0 };
  /** What could not be applied, and why; a healthy topic leaves this empty. */
  readonly problems: string[] = [];

  apply(event: SprintLedgerEvent): Outcome {
    const sprint = this.sprint(event.sprintId);
    if (sprint.appliedIds.has(event.id)) {
      this.counts.duplicates += 1;
      return 'duplicate';
    }
    if (event.streamVersion !== sprint.version + 1) {
      this.problems.push(
        `${event.sprintId}: expected version ${sprint.version + 1}, got ${event.streamVersion} (${event.type} ${event.id})`,
      );
      return 'out-of-order';
    }
    const known = understood[event.type];
    if (known !== undefined && event.schemaVersion !== known) {
      this.problems.push(`${event.type} v${event.schemaVersion} is newer than this view knows`);
    } else {
      applyBlockerEvent(sprint.blockers, event);
    }
    sprint.version = event.streamVersion;
    sprint.appliedIds.add(event.id);
    this.counts.applied += 1;
    return 'applied';
  }

  /** The last stream version applied for a sprint: 0 before its first event. */
  version(sprintId: string): number {
    return this.sprints.get(sprintId)?.version ?? 0;
  }

  openBlockers(sprintId: string): OpenBlocker[] {
    const blockers = [...(this.sprints.get(sprintId)?.blockers.values() ?? [])];
    return blockers.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  }

  private sprint(sprintId: string): SprintView {
    let sprint = this.sprints.get(sprintId);
    if (!sprint) {
      sprint = { version: 0, appliedIds: new Set(), blockers: new Map() };
      this.sprints.set(sprintId, sprint);
    }
    return sprint;
  }
}

function applyBlockerEvent(blockers: Map<string, OpenBlocker>, event: SprintLedgerEvent): void {
  const data = event.data;
  const blockerId = String(data.blockerId);
  switch (event.type) {
    case 'BlockerRaised':
      blockers.set(blockerId, {
        id: blockerId,
        severity: String(data.severity),
        agent: String(data.agent),
        taskId: typeof data.taskId === 'string' ? data.taskId : null,
        description: String(data.description),
      });
      break;
    case 'BlockerSeverityChanged': {
      const blocker = blockers.get(blockerId);
      if (blocker) blockers.set(blockerId, { ...blocker, severity: String(data.to) });
      break;
    }
    case 'BlockerResolved':
      blockers.delete(blockerId);
      break;
  }
}
