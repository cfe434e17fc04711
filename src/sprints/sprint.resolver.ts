import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../access/access.guard.js';
import { requireCoordinator } from '../access/authorize.js';
import { AppError } from '../common/errors.js';
import { Metrics } from '../observability/metrics.js';
import { checkTexts } from '../common/text-limits.js';
import { SprintCommands } from './sprint.commands.js';
import { type SprintCommand } from './sprint.js';
import { type SprintEvent } from './sprint-events.js';
import {
  AnswerCommunicationInput,
  AssignIssueInput,
  ChangeBlockerSeverityInput,
  ChangeRiskStatusInput,
  CompleteDeliverableInput,
  CompleteSprintInput,
  CompleteTaskInput,
  DeclareAgentReadyInput,
  FailCheckpointInput,
  ImportSprintPlanInput,
  LogCommunicationInput,
  LogHoursInput,
  MoveIssueInput,
  PassCheckpointInput,
  RaiseBlockerInput,
  ReassignTaskInput,
  RecordQualityMetricInput,
  ReopenDeliverableInput,
  ReopenTaskInput,
  ReportIssueInput,
  ResolveBlockerInput,
  StartCheckpointInput,
  StartTaskInput,
  type IdempotentInput,
  type SprintMutationInput,
} from './sprint.inputs.js';
import {
  AgentPayload,
  BlockerPayload,
  CheckpointPayload,
  CommunicationPayload,
  DeliverablePayload,
  IssuePayload,
  QualityTargetPayload,
  RiskPayload,
  SprintPayload,
  TaskPayload,
  type MutationPayload,
} from './sprint.payloads.js';
import { parseSprintPlan } from './plan/plan-document.js';
import { lookup, type SprintState } from './model/state.js';
import { Sprint } from './sprint.types.js';

export function toSprint(state: SprintState, version: number): Sprint {
  return {
    ...state,
    version,
    agents: Object.values(state.agents),
    phases: Object.values(state.phases),
    tasks: Object.values(state.tasks),
    blockers: Object.values(state.blockers),
    issues: Object.values(state.issues),
    communications: Object.values(state.communications),
    checkpoints: Object.values(state.checkpoints),
    deliverables: Object.values(state.deliverables),
    risks: Object.values(state.risks),
    qualityTargets: Object.values(state.qualityTargets),
  };
}

/** The ids of what a mutation's events created, so its payload can return the new entity. */
function createdIds(changes: readonly SprintEvent[]) {
  const ids: { blocker?: string; issue?: string; communication?: string } = {};
  for (const event of changes) {
    if (event.type === 'BlockerRaised') ids.blocker ??= event.data.blockerId;
    if (event.type === 'IssueReported') ids.issue ??= event.data.issueId;
    if (event.type === 'CommunicationLogged') ids.communication ??= event.data.communicationId;
  }
  return ids;
}

@Resolver(() => Sprint)
export class SprintResolver {
  constructor(
    private readonly commands: SprintCommands,
    private readonly metrics: Metrics,
  ) {}

  @Mutation(() => SprintPayload, { description: 'Plans a sprint from a YAML or JSON plan.' })
  async importSprintPlan(
    @Args('input') input: ImportSprintPlanInput,
    @Context('request') request: FastifyRequest,
  ): Promise<SprintPayload> {
    let plan;
    try {
      requireCoordinator(principalOfRequest(request), 'plan sprints');
      checkTexts(input);
      plan = parseSprintPlan(input.plan);
    } catch (error) {
      return refused(error);
    }
    return this.run(plan.key, input, request, { kind: 'PlanSprint', plan }, () => ({}));
  }

  @Mutation(() => SprintPayload, {
    description: 'Closes an active sprint whose phases are all complete.',
  })
  completeSprint(
    @Args('input') input: CompleteSprintInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(input.sprintId, input, request, { kind: 'CompleteSprint' }, () => ({}));
  }

  @Mutation(() => AgentPayload)
  declareAgentReady(
    @Args('input') input: DeclareAgentReadyInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'DeclareAgentReady', agent: input.agent },
      (state) => ({
        agent: lookup(state.agents, input.agent),
      }),
    );
  }

  @Mutation(() => TaskPayload, {
    description:
      'Starts a task once its phase dependencies and task dependencies are complete (or forced with a reason) and no P0, P1 of the agent or blocker on the task is open.',
  })
  startTask(@Args('input') input: StartTaskInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'StartTask',
        taskId: input.taskId,
        agent: input.agent,
        forceReason: input.forceReason ?? null,
      },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => TaskPayload)
  logHours(@Args('input') input: LogHoursInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'LogHours',
        taskId: input.taskId,
        agent: input.agent,
        hours: input.hours,
        note: input.note ?? null,
      },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => TaskPayload)
  completeTask(
    @Args('input') input: CompleteTaskInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'CompleteTask', taskId: input.taskId },
      (state) => ({
        task: lookup(state.tasks, input.taskId),
      }),
    );
  }

  @Mutation(() => TaskPayload)
  reopenTask(@Args('input') input: ReopenTaskInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ReopenTask', taskId: input.taskId, reason: input.reason },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => TaskPayload)
  reassignTask(
    @Args('input') input: ReassignTaskInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ReassignTask', taskId: input.taskId, assignees: input.assignees },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => BlockerPayload)
  raiseBlocker(
    @Args('input') input: RaiseBlockerInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'RaiseBlocker',
        severity: input.severity,
        agent: input.agent,
        taskId: input.taskId ?? null,
        description: input.description,
      },
      (state, changes) => ({
        blocker: lookup(state.blockers, createdIds(changes).blocker ?? ''),
      }),
    );
  }

  @Mutation(() => BlockerPayload)
  changeBlockerSeverity(
    @Args('input') input: ChangeBlockerSeverityInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ChangeBlockerSeverity',
        blockerId: input.blockerId,
        severity: input.severity,
        reason: input.reason ?? null,
      },
      (state) => ({ blocker: lookup(state.blockers, input.blockerId) }),
    );
  }

  @Mutation(() => BlockerPayload)
  resolveBlocker(
    @Args('input') input: ResolveBlockerInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ResolveBlocker', blockerId: input.blockerId, resolution: input.resolution },
      (state) => ({ blocker: lookup(state.blockers, input.blockerId) }),
    );
  }

  @Mutation(() => IssuePayload)
  reportIssue(@Args('input') input: ReportIssueInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ReportIssue',
        severity: input.severity,
        title: input.title,
        description: input.description ?? null,
        phase: input.phase ?? null,
        assignee: input.assignee ?? null,
        reportedBy: input.reportedBy ?? principalOfRequest(request).agent,
      },
      (state, changes) => ({
        issue: lookup(state.issues, createdIds(changes).issue ?? ''),
      }),
    );
  }

  @Mutation(() => IssuePayload)
  assignIssue(@Args('input') input: AssignIssueInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'AssignIssue', issueId: input.issueId, assignee: input.assignee },
      (state) => ({ issue: lookup(state.issues, input.issueId) }),
    );
  }

  @Mutation(() => IssuePayload, {
    description: 'OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED, or FIXED/VALIDATED -> OPEN.',
  })
  moveIssue(@Args('input') input: MoveIssueInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'MoveIssue', issueId: input.issueId, to: input.to, note: input.note ?? null },
      (state) => ({ issue: lookup(state.issues, input.issueId) }),
    );
  }

  @Mutation(() => CommunicationPayload)
  logCommunication(
    @Args('input') input: LogCommunicationInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'LogCommunication',
        from: input.from,
        to: input.to ?? null,
        subject: input.subject,
        body: input.body,
        type: input.type,
        replyTo: input.replyTo ?? null,
        blocker: input.blocker ?? null,
      },
      (state, changes) => ({
        communication: lookup(state.communications, createdIds(changes).communication ?? ''),
        blocker: lookup(state.blockers, createdIds(changes).blocker ?? ''),
      }),
    );
  }

  @Mutation(() => CommunicationPayload, { description: 'Answers a REQUEST or a QUESTION.' })
  answerCommunication(
    @Args('input') input: AnswerCommunicationInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'AnswerCommunication',
        communicationId: input.communicationId,
        answeredBy: input.answeredBy,
        answer: input.answer,
      },
      (state) => ({ communication: lookup(state.communications, input.communicationId) }),
    );
  }

  @Mutation(() => CheckpointPayload)
  startCheckpoint(
    @Args('input') input: StartCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'StartCheckpoint', checkpointId: input.checkpointId },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }

  @Mutation(() => CheckpointPayload, {
    description: 'Passes a checkpoint whose phase is complete.',
  })
  passCheckpoint(
    @Args('input') input: PassCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'PassCheckpoint', checkpointId: input.checkpointId, result: input.result ?? '' },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }

  @Mutation(() => CheckpointPayload, { description: 'Fails a checkpoint, with the reason why.' })
  failCheckpoint(
    @Args('input') input: FailCheckpointInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'FailCheckpoint', checkpointId: input.checkpointId, reason: input.reason },
      (state) => ({ checkpoint: lookup(state.checkpoints, input.checkpointId) }),
    );
  }

  @Mutation(() => DeliverablePayload)
  completeDeliverable(
    @Args('input') input: CompleteDeliverableInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'CompleteDeliverable', deliverableId: input.deliverableId },
      (state) => ({ deliverable: lookup(state.deliverables, input.deliverableId) }),
    );
  }

  @Mutation(() => DeliverablePayload)
  reopenDeliverable(
    @Args('input') input: ReopenDeliverableInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ReopenDeliverable', deliverableId: input.deliverableId, reason: input.reason },
      (state) => ({ deliverable: lookup(state.deliverables, input.deliverableId) }),
    );
  }

  @Mutation(() => RiskPayload)
  changeRiskStatus(
    @Args('input') input: ChangeRiskStatusInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      {
        kind: 'ChangeRiskStatus',
        riskId: input.riskId,
        status: input.status,
        note: input.note ?? null,
      },
      (state) => ({ risk: lookup(state.risks, input.riskId) }),
    );
  }

  @Mutation(() => QualityTargetPayload)
  recordQualityMetric(
    @Args('input') input: RecordQualityMetricInput,
    @Context('request') request: FastifyRequest,
  ) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'RecordQualityMetric', metric: input.metric, value: input.value },
      (state) => ({ qualityTarget: lookup(state.qualityTargets, input.metric) }),
    );
  }

  /** Runs the command; a refusal by the sprint's rules becomes `userErrors`, not an exception. */
  private async run<Entities extends object>(
    sprintId: string,
    input: IdempotentInput & Pick<SprintMutationInput, 'expectedVersion'>,
    request: FastifyRequest,
    command: SprintCommand,
    entities: (state: SprintState, changes: readonly SprintEvent[]) => Entities,
  ): Promise<MutationPayload & Partial<Entities>> {
    try {
      checkTexts(input);
      const result = await this.commands.execute(sprintId, command, {
        principal: principalOfRequest(request),
        idempotencyKey: input.idempotencyKey ?? null,
        expectedVersion: input.expectedVersion ?? null,
        correlationId: request.id,
      });
      return {
        sprint: toSprint(result.state, result.version),
        events: result.events,
        userErrors: [],
        replayed: result.replayed,
        ...entities(result.state, result.changes),
      };
    } catch (error) {
      const payload = refused(error);
      for (const userError of payload.userErrors)
        this.metrics.graphqlErrors.inc({ code: userError.code });
      return payload as MutationPayload & Partial<Entities>;
    }
  }
}

function refused(error: unknown): MutationPayload {
  if (!(error instanceof AppError)) throw error;
  const allowed = error.details?.allowed;
  return {
    sprint: null,
    events: [],
    replayed: false,
    userErrors: [
      {
        code: error.code,
        field: error.field ?? null,
        message: error.message,
        allowed: Array.isArray(allowed) ? allowed.map(String) : null,
      },
    ],
  };
}
