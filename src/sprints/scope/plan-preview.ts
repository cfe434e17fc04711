import { lookup, type SprintState } from '../model/state.js';
import type { PlanAction, PlanElement } from '../model/vocabulary.js';
import type { ScopeDraft } from './plan-changes.js';

export interface FieldChange {
  readonly field: string;
  /** JSON of the value before; null for an addition. */
  readonly before: string | null;
  /** JSON of the value after; null for a cancellation. */
  readonly after: string | null;
}

/** One scope change as a preview lists it: what it does to which element, field by field. */
export interface PlanChange {
  readonly event: ScopeDraft['type'];
  readonly action: PlanAction;
  readonly element: PlanElement;
  readonly id: string;
  readonly fields: readonly FieldChange[];
  /** What it adds to (or takes from) the sprint's estimated hours. */
  readonly hoursDelta: number;
  /** Set when an id changed: the preview says it reads as a cancellation and an addition. */
  readonly note: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** An addition's fields, each as set; its type, time and id aside. */
function added(fields: object, except: readonly string[]): FieldChange[] {
  return Object.entries(fields)
    .filter(([field]) => field !== 'type' && field !== 'at' && !except.includes(field))
    .map(([field, value]) => ({ field, before: null, after: json(value) }));
}

function changes(record: { readonly [field: string]: { from: unknown; to: unknown } | undefined }) {
  return Object.entries(record).flatMap(([field, change]) =>
    change ? [{ field, before: json(change.from), after: json(change.to) }] : [],
  );
}

type Described = Omit<PlanChange, 'event' | 'note'>;
type Of<Type extends ScopeDraft['type']> = Extract<ScopeDraft, { type: Type }>;

const addition = (element: PlanElement, id: string, draft: object, key: string): Described => ({
  action: 'ADDED',
  element,
  id,
  fields: added(draft, [key]),
  hoursDelta: 0,
});
const change = (element: PlanElement, id: string, fields: FieldChange[]): Described => ({
  action: 'CHANGED',
  element,
  id,
  fields,
  hoursDelta: 0,
});
const cancellation = (element: PlanElement, id: string, from?: string, to?: string): Described => ({
  action: 'CANCELLED',
  element,
  id,
  fields: from === undefined ? [] : [{ field: 'status', before: json(from), after: json(to) }],
  hoursDelta: 0,
});

/** How each scope event reads in a preview. */
const described: { readonly [Type in ScopeDraft['type']]: (draft: Of<Type>) => Described } = {
  SprintDetailsChanged: (d) => change('SPRINT', '', changes(d.changes)),
  SprintCancelled: (d) => cancellation('SPRINT', '', d.from, d.to),
  TaskAdded: (d) => ({ ...addition('TASK', d.taskId, d, 'taskId'), hoursDelta: d.estimateHours }),
  TaskReestimated: (d) => ({
    ...change(
      'TASK',
      d.taskId,
      changes({ estimateHours: { from: d.ranges.from ?? d.from, to: d.ranges.to ?? d.to } }),
    ),
    hoursDelta: d.to - d.from,
  }),
  TaskReassigned: (d) => change('TASK', d.taskId, changes({ assignees: d })),
  TaskChanged: (d) => change('TASK', d.taskId, changes(d.changes)),
  TaskCancelled: (d) => ({
    ...cancellation('TASK', d.taskId, d.from, d.to),
    hoursDelta: -d.estimateHours,
  }),
  PhaseAdded: (d) => addition('PHASE', String(d.phase), d, 'phase'),
  PhaseChanged: (d) => change('PHASE', String(d.phase), changes(d.changes)),
  PhaseCancelled: (d) => cancellation('PHASE', String(d.phase), d.from, d.to),
  AgentAdded: (d) => addition('AGENT', d.agent, d, 'agent'),
  AgentChanged: (d) => change('AGENT', d.agent, changes(d.changes)),
  AgentRetired: (d) => cancellation('AGENT', d.agent, d.from, d.to),
  DeliverableAdded: (d) => addition('DELIVERABLE', d.deliverableId, d, 'deliverableId'),
  DeliverableChanged: (d) => change('DELIVERABLE', d.deliverableId, changes(d.changes)),
  DeliverableCancelled: (d) => cancellation('DELIVERABLE', d.deliverableId),
  CheckpointAdded: (d) => addition('CHECKPOINT', d.checkpointId, d, 'checkpointId'),
  CheckpointChanged: (d) => change('CHECKPOINT', d.checkpointId, changes(d.changes)),
  CheckpointCancelled: (d) => cancellation('CHECKPOINT', d.checkpointId, d.from, d.to),
  RiskAdded: (d) => addition('RISK', d.riskId, d, 'riskId'),
  RiskChanged: (d) => change('RISK', d.riskId, changes(d.changes)),
  QualityTargetAdded: (d) => addition('QUALITY_TARGET', d.metric, d, 'metric'),
  QualityTargetChanged: (d) => change('QUALITY_TARGET', d.metric, changes({ target: d })),
  QualityTargetRemoved: (d) => cancellation('QUALITY_TARGET', d.metric),
  CommandsChanged: (d) => change('COMMANDS', d.agent, changes({ blocks: d })),
  NextStepAdded: (d) => addition('NEXT_STEP', d.stepId, d, 'stepId'),
  NextStepChanged: (d) => change('NEXT_STEP', d.stepId, changes(d.changes)),
  NextStepRemoved: (d) => cancellation('NEXT_STEP', d.stepId),
  ContactsChanged: (d) => change('CONTACTS', '', changes(d.changes)),
  FileLocationsChanged: (d) => change('FILE_LOCATIONS', '', changes({ fileLocations: d })),
};

function describe(draft: ScopeDraft): Described {
  return (described[draft.type] as (draft: ScopeDraft) => Described)(draft);
}

/** What an element is called, to tell an id that changed from one that went and one that came. */
function nameOf(
  state: SprintState,
  element: PlanElement,
  id: string,
  draft?: ScopeDraft,
): string | undefined {
  if (draft && 'title' in draft) return draft.title;
  if (draft && 'name' in draft) return draft.name;
  if (element === 'TASK') return lookup(state.tasks, id)?.title;
  if (element === 'PHASE') return lookup(state.phases, id)?.name;
  if (element === 'DELIVERABLE') return lookup(state.deliverables, id)?.name;
  if (element === 'CHECKPOINT') return lookup(state.checkpoints, id)?.name;
  if (element === 'NEXT_STEP') return lookup(state.nextSteps, id)?.title;
  return undefined;
}

/**
 * The scope changes a plan makes, as a preview lists them. Ids are forever: an element whose id
 * changed reads as one cancelled and one added, and the preview notes it on both.
 */
export function describePlanChanges(
  state: SprintState,
  drafts: readonly ScopeDraft[],
): PlanChange[] {
  const listed = drafts.map((draft) => ({ event: draft.type, ...describe(draft), draft }));
  const addedByName = new Map<string, (typeof listed)[number]>();
  for (const change of listed) {
    const name =
      change.action === 'ADDED'
        ? nameOf(state, change.element, change.id, change.draft)
        : undefined;
    if (name !== undefined) addedByName.set(`${change.element}:${name}`, change);
  }
  const notes = new Map<object, string>();
  for (const change of listed) {
    if (change.action !== 'CANCELLED') continue;
    const name = nameOf(state, change.element, change.id);
    const twin = name === undefined ? undefined : addedByName.get(`${change.element}:${name}`);
    if (!twin) continue;
    const note = `${change.element.toLowerCase()} ${change.id} renamed ${twin.id}: ids are kept for good, so this reads as cancelling ${change.id} and adding ${twin.id}`;
    notes.set(change, note);
    notes.set(twin, note);
  }
  return listed.map((item) => ({
    event: item.event,
    action: item.action,
    element: item.element,
    id: item.id,
    fields: item.fields,
    hoursDelta: item.hoursDelta,
    note: notes.get(item) ?? null,
  }));
}
