import { MutationInput } from '../../common/graphql-arguments.js';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { SprintCommandMessage, sprintCommandHandler } from '../ledger/sprint-command.js';
import { SprintMutations } from '../graphql/mutation.js';
import { lookup } from '../model/state.js';
import type { TaskCommand } from './task.decide.js';
import {
  StartTaskInput,
  LogHoursInput,
  CompleteTaskInput,
  ReopenTaskInput,
  ReassignTaskInput,
  TaskPayload,
} from './task.graphql.js';

/** A task command on the CommandBus; its handler runs it on the ledger. */
export class TaskCommandMessage extends SprintCommandMessage<TaskCommand> {}
export const TaskCommandHandler = sprintCommandHandler(TaskCommandMessage);

@Resolver()
export class TaskResolver {
  private readonly run;

  constructor(mutations: SprintMutations) {
    this.run = mutations.runnerFor(TaskCommandMessage);
  }

  @Mutation(() => TaskPayload, {
    description:
      'Starts a task once its phase dependencies and task dependencies are complete (or forced with a reason) and no P0, P1 of the agent or blocker on the task is open.',
  })
  startTask(@MutationInput() input: StartTaskInput, @Context('request') request: FastifyRequest) {
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

  @Mutation(() => TaskPayload, {
    description:
      "Logs hours an assignee worked on a task; they count in the task's, its phase's and the sprint's actual hours.",
  })
  logHours(@MutationInput() input: LogHoursInput, @Context('request') request: FastifyRequest) {
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

  @Mutation(() => TaskPayload, {
    description:
      'Completes a task in progress; its lease ends and the tasks waiting for it may start.',
  })
  completeTask(
    @MutationInput() input: CompleteTaskInput,
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

  @Mutation(() => TaskPayload, {
    description: 'Reopens a complete task, with a reason: it is in progress again.',
  })
  reopenTask(@MutationInput() input: ReopenTaskInput, @Context('request') request: FastifyRequest) {
    return this.run(
      input.sprintId,
      input,
      request,
      { kind: 'ReopenTask', taskId: input.taskId, reason: input.reason },
      (state) => ({ task: lookup(state.tasks, input.taskId) }),
    );
  }

  @Mutation(() => TaskPayload, {
    description: 'Gives a task not yet complete to other agents of the sprint.',
  })
  reassignTask(
    @MutationInput() input: ReassignTaskInput,
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
}
