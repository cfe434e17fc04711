import { MutationInput, SprintIdArg } from '../../common/graphql-arguments.js';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../../access/access.guard.js';
import { requireReadable } from '../../access/authorize.js';
import { checkTexts } from '../../common/text-limits.js';
import { refused, SprintMutations } from '../graphql/mutation.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import type { LedgerEvent } from '../ledger/sprint-domain.js';
import { SprintLedger } from '../ledger/sprint-ledger.js';
import { lookup, type SprintState } from '../model/state.js';
import { parseSprintPlan } from '../plan/plan-document.js';
import type { ScopeDraft } from './plan-changes.js';
import { describePlanChanges } from './plan-preview.js';
import type { ScopeCommand } from './scope.decide.js';
import { scopeEventTypes } from './scope.events.js';
import {
  AddTaskInput,
  ApplyPlanChangesInput,
  CancelSprintInput,
  CancelTaskInput,
  ChangeTaskInput,
  PlanChangesPayload,
  PlanPreview,
  ScopeTaskPayload,
} from './scope.graphql.js';

/** A scope command on the CommandBus; its handler runs it on the ledger. */
export class ScopeCommandMessage extends SprintCommandMessage<ScopeCommand> {}
export const ScopeCommandHandler = sprintCommandHandler(ScopeCommandMessage);

const scopeTypes = new Set<string>([...scopeEventTypes, 'TaskReassigned']);

/** The recorded events of a scope change, as the preview listed them. */
export function changesOf(state: SprintState, events: readonly LedgerEvent[]) {
  const drafts = events
    .filter((event) => scopeTypes.has(event.type))
    .map(({ type, data }) => {
      const fields = Object.entries(data).filter(([key]) => key !== 'at');
      return { type, ...Object.fromEntries(fields) } as unknown as ScopeDraft;
    });
  return describePlanChanges(state, drafts);
}

@Resolver()
export class ScopeResolver {
  private readonly run;

  constructor(
    mutations: SprintMutations,
    private readonly ledger: SprintLedger,
  ) {
    this.run = mutations.runnerFor(ScopeCommandMessage);
  }

  @Query(() => PlanPreview, {
    description:
      'The scope changes that would turn the sprint’s plan into this one (YAML or JSON), each with its fields before and after; nothing is recorded. Coordinators only.',
  })
  async previewPlanChanges(
    @SprintIdArg() sprintId: string,
    @Args('plan', {
      description: 'The whole revised plan, as YAML or JSON, as a plan file writes it.',
    })
    plan: string,
    @Context('request') request: FastifyRequest,
  ): Promise<PlanPreview> {
    const principal = principalOfRequest(request);
    // A sprint the caller may not read is refused as every read is; a change it may not make,
    // or a plan that breaks a rule, is the preview's answer.
    requireReadable(principal, sprintId);
    try {
      checkTexts({ sprintId, plan });
      const command = { kind: 'ApplyPlanChanges', plan: parseSprintPlan(plan) } as const;
      const preview = await this.ledger.preview(sprintId, command, { principal });
      const state = preview.state;
      return {
        sprintId,
        version: preview.version,
        changes: state ? changesOf(state, preview.events) : [],
        userErrors: [],
      };
    } catch (error) {
      return { sprintId, version: null, changes: [], userErrors: refused(error).userErrors };
    }
  }

  @Mutation(() => PlanChangesPayload, {
    description:
      'Records the scope changes that turn the sprint’s plan into this one (see previewPlanChanges): tasks, phases, agents, deliverables, checkpoints, risks and quality targets added, changed or cancelled.',
  })
  async applyPlanChanges(
    @MutationInput() input: ApplyPlanChangesInput,
    @Context('request') request: FastifyRequest,
  ): Promise<PlanChangesPayload> {
    let plan;
    try {
      checkTexts(input);
      plan = parseSprintPlan(input.plan);
    } catch (error) {
      return refused(error);
    }
    const command = { kind: 'ApplyPlanChanges', plan, reason: input.reason ?? null } as const;
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => ScopeTaskPayload, { description: 'Adds a task to a phase of the plan.' })
  addTask(@MutationInput() input: AddTaskInput, @Context('request') request: FastifyRequest) {
    const command = { kind: 'AddTask', phase: input.phase, task: input.task } as const;
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      task: lookup(state.tasks, input.task.id),
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => ScopeTaskPayload, {
    description: 'Changes a task’s title, estimate, phase, assignees or dependencies.',
  })
  changeTask(@MutationInput() input: ChangeTaskInput, @Context('request') request: FastifyRequest) {
    const { taskId, title, estimateHours, estimateMinHours, phase, assignees, dependsOn } = input;
    const command = {
      kind: 'ChangeTask',
      ...{ taskId, title, estimateHours, estimateMinHours, phase, assignees, dependsOn },
    } as const;
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      task: lookup(state.tasks, input.taskId),
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => ScopeTaskPayload, {
    description:
      'Takes a task out of the plan (and out of the dependencies of the tasks that named it). It stays in the history; its hours leave the scope.',
  })
  cancelTask(@MutationInput() input: CancelTaskInput, @Context('request') request: FastifyRequest) {
    const command = { kind: 'CancelTask', taskId: input.taskId, reason: input.reason } as const;
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      task: lookup(state.tasks, input.taskId),
      changes: changesOf(state, events),
    }));
  }

  @Mutation(() => PlanChangesPayload, {
    description: 'Cancels a planned or active sprint: it takes no more work.',
  })
  cancelSprint(
    @MutationInput() input: CancelSprintInput,
    @Context('request') request: FastifyRequest,
  ) {
    const command = { kind: 'CancelSprint', reason: input.reason } as const;
    return this.run(input.sprintId, input, request, command, (state, events) => ({
      changes: changesOf(state, events),
    }));
  }
}
