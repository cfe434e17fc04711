import type {
  AgentStatus,
  BlockerSeverity,
  BlockerStatus,
  CheckpointStatus,
  CommunicationType,
  DeliverableCategory,
  HourRange,
  HourWindow,
  IssueStatus,
  PhaseStatus,
  RiskLevel,
  RiskStatus,
  SprintStatus,
  TaskStatus,
} from './vocabulary.js';

/** A sprint as its events leave it. Plain JSON, so it can be kept as a snapshot. */
export interface SprintState {
  readonly id: string;
  readonly name: string;
  readonly branch: string | null;
  readonly startDate: string | null;
  readonly targetHours: HourRange;
  readonly criticalPathHours: number | null;
  readonly bufferedHours: number | null;
  readonly status: SprintStatus;
  readonly plannedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly cancelledAt: string | null;
  readonly cancelReason: string | null;
  /** How many issues were reported, and how many of them are resolved: kept as they change. */
  readonly issuesFound: number;
  readonly issuesResolved: number;
  /** The critical path of the plan as it stood when the sprint started: its baseline. */
  readonly baselineCriticalPath: BaselinePath | null;
  readonly agents: Readonly<Record<string, AgentState>>;
  readonly phases: Readonly<Record<string, PhaseState>>;
  readonly tasks: Readonly<Record<string, TaskState>>;
  readonly blockers: Readonly<Record<string, BlockerState>>;
  readonly issues: Readonly<Record<string, IssueState>>;
  readonly communications: Readonly<Record<string, CommunicationState>>;
  readonly checkpoints: Readonly<Record<string, CheckpointState>>;
  readonly deliverables: Readonly<Record<string, DeliverableState>>;
  readonly risks: Readonly<Record<string, RiskState>>;
  readonly qualityTargets: Readonly<Record<string, QualityTargetState>>;
  /** The reference's Quick Command Reference, by agent. */
  readonly commands: Readonly<Record<string, CommandsState>>;
  /** The reference's Next Steps checklist, in plan order. */
  readonly nextSteps: Readonly<Record<string, NextStepState>>;
  /** The reference's Emergency Contacts, and who a problem goes to when agents cannot settle it. */
  readonly contacts: readonly ContactState[];
  readonly escalation: string | null;
  /** The reference's File Locations, by group. */
  readonly fileLocations: readonly FileGroupState[];
  /** The sprint's clocks: how long a lease holds, how long a blocker may stay open. */
  readonly timing: TimingState;
}

export interface TimingState {
  readonly leaseSeconds: number;
  readonly blockerSla: Readonly<
    Record<
      BlockerSeverity,
      { readonly responseMinutes: number; readonly resolutionMinutes: number }
    >
  >;
  readonly escalationRaisesSeverity: boolean;
}

/** A claim on a task: its holder keeps it by heartbeats, and loses it when it runs out. */
export interface LeaseState {
  readonly agent: string;
  readonly claimedAt: string;
  /** When the lease was last recorded as renewed (a heartbeat between renewals records nothing). */
  readonly renewedAt: string;
  readonly expiresAt: string;
  /** The last progress note a heartbeat carried. */
  readonly note: string | null;
}

export interface BaselinePath {
  readonly hours: number;
  /** Its longest chain of tasks, in order. */
  readonly chain: readonly string[];
}

export interface AgentState {
  readonly name: string;
  readonly role: string;
  readonly backup: string | null;
  readonly criticalDependencies: readonly string[];
  readonly declaredReady: boolean;
  readonly status: AgentStatus;
  /** Set when a lease of this agent's ran out; cleared when it claims or starts work again. */
  readonly unresponsiveSince: string | null;
}

export interface PhaseState {
  readonly number: number;
  readonly name: string;
  readonly estimateHours: HourRange;
  readonly dependsOn: readonly number[];
  readonly criticalPath: boolean;
  readonly riskLevel: RiskLevel | null;
  readonly taskIds: readonly string[];
  readonly status: PhaseStatus;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

export interface TaskState {
  readonly id: string;
  readonly title: string;
  readonly phase: number;
  /** The hours the plan schedules: a range's upper bound. */
  readonly estimateHours: number;
  /** The estimate as a range (`1-2h`), when the plan gave one. */
  readonly estimateRange: HourRange | null;
  readonly assignees: readonly string[];
  readonly dependsOn: readonly string[];
  readonly status: TaskStatus;
  readonly actualHours: number;
  /** The agent who started it, who is working on it. */
  readonly activeAgent: string | null;
  readonly forcedReason: string | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** The claim on it, while an agent holds one. */
  readonly lease: LeaseState | null;
  /** How many of its leases ran out; at maxLeaseExpiries it waits for the coordinator. */
  readonly leaseExpiries: number;
}

export interface BlockerState {
  readonly id: string;
  readonly severity: BlockerSeverity;
  readonly agent: string;
  readonly taskId: string | null;
  readonly description: string;
  readonly communicationId: string | null;
  readonly status: BlockerStatus;
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
  /** How far it was escalated: 0 not yet, 1 to the backup, 2 to the escalation contact. */
  readonly escalations: number;
  readonly escalatedTo: string | null;
}

export interface IssueState {
  readonly id: string;
  readonly severity: BlockerSeverity;
  readonly title: string;
  readonly description: string | null;
  readonly phase: number | null;
  readonly assignee: string | null;
  /** The agent who reported it: it may validate or reopen the fix. */
  readonly reportedBy: string | null;
  readonly status: IssueStatus;
  readonly reportedAt: string;
  readonly updatedAt: string;
}

export interface CommunicationState {
  readonly id: string;
  readonly at: string;
  readonly from: string;
  readonly to: string | null;
  readonly subject: string;
  readonly body: string;
  readonly type: CommunicationType;
  readonly replyTo: string | null;
  readonly answer: { readonly by: string; readonly body: string; readonly at: string } | null;
}

export interface CheckpointState {
  readonly id: string;
  readonly name: string;
  readonly phase: number;
  readonly hourWindow: HourWindow;
  readonly criteria: readonly string[];
  readonly status: CheckpointStatus;
  readonly result: string | null;
  readonly startedAt: string | null;
  readonly decidedAt: string | null;
  /** Set when its hour window passed without a decision. */
  readonly overdueAt: string | null;
}

export interface DeliverableState {
  readonly id: string;
  readonly category: DeliverableCategory;
  readonly name: string;
  readonly phase: number | null;
  readonly path: string | null;
  readonly done: boolean;
  readonly doneAt: string | null;
  /** Set when a scope change took it out of the plan. */
  readonly cancelledAt: string | null;
}

export interface RiskState {
  readonly id: string;
  readonly category: string;
  readonly severity: RiskLevel;
  readonly status: RiskStatus;
  readonly mitigation: string;
}

export interface QualityTargetState {
  readonly metric: string;
  readonly target: string;
  readonly actual: string | null;
  readonly recordedAt: string | null;
  /** Set when a scope change took it out of the plan. */
  readonly removedAt: string | null;
}

export interface CommandsState {
  readonly agent: string;
  readonly blocks: readonly { readonly title: string; readonly lines: readonly string[] }[];
}

export interface NextStepState {
  readonly id: string;
  readonly title: string;
  readonly details: readonly string[];
  readonly commands: readonly string[];
  readonly done: boolean;
  /** Who checked it off, and when. */
  readonly doneBy: string | null;
  readonly doneAt: string | null;
  /** Set when a plan change took it off the list. */
  readonly removedAt: string | null;
}

export interface ContactState {
  readonly role: string;
  readonly agent: string;
  readonly backup: string | null;
}

export interface FileGroupState {
  readonly group: string;
  readonly paths: readonly string[];
}

/**
 * The record of `id`, if the sprint has one. Own keys only: ids come from clients, and
 * `constructor` or `__proto__` must find nothing, not a built-in of every object.
 */
export function lookup<T>(records: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}

/**
 * The record maps a fold has copied and may change in place. Evolve is pure: outside a fold a
 * change copies the map it changes. Within one (`withinFold`), a map is copied on its first
 * change and changed in place after, so folding N events costs N small steps, not N copies of
 * every map they touch; records nobody changed stay the same objects, which is how the
 * projection tells what a command changed.
 */
let foldDrafts: WeakSet<object> | null = null;

export function withinFold<Result>(run: () => Result): Result {
  const outer = foldDrafts;
  foldDrafts = new WeakSet();
  try {
    return run();
  } finally {
    foldDrafts = outer;
  }
}

/** Sets an own property whatever the id: `__proto__` as a plan's metric name stays a record. */
function put<T>(records: Record<string, T>, id: string, record: T): void {
  Object.defineProperty(records, id, {
    value: record,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function writable<T>(records: Readonly<Record<string, T>>): Record<string, T> {
  if (foldDrafts?.has(records)) return records;
  const copy = { ...records };
  foldDrafts?.add(copy);
  return copy;
}

/** The records with one replaced: evolve's one way of changing a record it knows. */
export function update<T>(
  records: Readonly<Record<string, T>>,
  id: string,
  change: (record: T) => T,
): Readonly<Record<string, T>> {
  const record = lookup(records, id);
  if (record === undefined) throw new Error(`event refers to unknown ${id}`);
  const target = writable(records);
  put(target, id, change(record));
  return target;
}

/** The record with each changed field set to its value after the change. */
export function applied<Record extends object>(
  record: Record,
  changes: { readonly [Key in keyof Record]?: { readonly to: Record[Key] } },
): Record {
  const next = { ...record };
  for (const key of Object.keys(changes) as (keyof Record)[]) {
    const changed = changes[key];
    if (changed) next[key] = changed.to;
  }
  return next;
}

/** The records with one added (or replaced whole): how evolve records a new entity. */
export function insert<T>(
  records: Readonly<Record<string, T>>,
  id: string,
  record: T,
): Readonly<Record<string, T>> {
  const target = writable(records);
  put(target, id, record);
  return target;
}

export function byId<T>(items: readonly T[], id: (item: T) => string): Record<string, T> {
  return Object.fromEntries(items.map((item) => [id(item), item]));
}
