import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../../access/access.guard.js';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { createdId, SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { IssueCommand } from './issue.decide.js';
import {
  ReportIssueInput,
  AssignIssueInput,
  MoveIssueInput,
  IssuePayload,
} from './issue.graphql.js';

/** A issue command on the CommandBus; its handler runs it on the ledger. */
export class IssueCommandMessage extends SprintCommandMessage<IssueCommand> {}
export const IssueCommandHandler = sprintCommandHandler(IssueCommandMessage);

@Resolver()
export class IssueResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(IssueCommandMessage);
  }

  @Mutation(() => IssuePayload, {
    description: 'Reports an issue to the registry; it starts OPEN.',
  })
  reportIssue(
    @MutationInput() input: ReportIssueInput,
    @Context('request') request: FastifyRequest,
  ) {
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
        issue: lookup(state.issues, createdId(changes, 'IssueReported', 'issueId')),
      }),
    );
  }

  @Mutation(() => IssuePayload, {
    description: 'Assigns an issue of the registry to an agent of the sprint.',
  })
  assignIssue(
    @MutationInput() input: AssignIssueInput,
    @Context('request') request: FastifyRequest,
  ) {
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
  moveIssue(@MutationInput() input: MoveIssueInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'MoveIssue', issueId: input.issueId, to: input.to, note: input.note ?? null },
      (state) => ({ issue: lookup(state.issues, input.issueId) }),
    );
  }
}
