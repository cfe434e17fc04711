import { z } from 'zod';
import {
  agent,
  blockerFields,
  change,
  communicationFields,
  idempotencyKey,
  issueFields,
  orNull,
  read,
  severity,
  sprintId,
  taskFields,
  taskId,
  type Definition,
  type Operation,
} from './operation-kit.js';
import { taskOperations } from './task-operations.js';

export type { Arguments, Caller, Operation } from './operation-kit.js';

/**
 * The one table of what an agent does in a day: the MCP tools and the `sprint-ledger` CLI are
 * both made from it (see operation-kit.ts).
 */

const reads: readonly Definition[] = [
  {
    name: 'whoami',
    words: ['whoami'],
    title: 'Who am I',
    description:
      'Who the token says you are: your name, role, the agent you act as and the sprints you may touch. Call it first if unsure which sprint to name.',
    input: {},
    request: read('me', '', '{ id name role kind agent sprints }', () => ({})),
  },
  {
    name: 'sprint_status',
    words: ['status'],
    title: 'Sprint status',
    description:
      'The sprint at a glance: status, progress, open blockers, each agent’s current and next task, the critical path’s remaining hours and the forecast completion. Use it to orient yourself; use dashboard for the whole document.',
    input: { sprintId },
    request: read(
      'dashboard',
      '$sprintId: ID!',
      `{ name status version targetCompletion overview { progressPercent tasksComplete taskCount openBlockers phasesComplete phaseCount }
         agents { name status currentTask { id title } nextTask { id title } }
         openBlockers { ${blockerFields} }
         criticalPath { totalHours hoursDone percentDone chains } }`,
      (_args, caller) => ({ sprintId: caller.sprintId }),
    ),
  },
  {
    name: 'ready_tasks',
    words: ['task', 'ready'],
    title: 'What is ready for me',
    description:
      'The tasks you can start now, most urgent first (least slack on the critical path first): assigned to you, not started or given back, dependencies complete, nothing blocking. Claim one with claim_task.',
    input: {
      sprintId,
      agent,
      first: z
        .number()
        .int()
        .min(1)
        .max(100)
        .optional()
        .describe('At most this many; 10 by default.'),
    },
    request: read(
      'readyTasks',
      '$sprintId: ID!, $agent: String, $first: Int',
      `{ totalCount nodes { critical slackHours task { ${taskFields} dependsOn } } }`,
      (args, caller) => ({
        sprintId: caller.sprintId,
        agent: caller.agent,
        first: args.first ?? 10,
      }),
    ),
  },
  {
    name: 'my_messages',
    words: ['messages'],
    title: 'My messages',
    description:
      'Messages sent to you (requests, questions, blocker notes, notifications), oldest first; with unanswered: true only the requests and questions still waiting for your answer.',
    input: {
      sprintId,
      agent,
      unanswered: z.boolean().optional().describe('Only requests and questions not yet answered.'),
      first: z
        .number()
        .int()
        .min(1)
        .max(100)
        .optional()
        .describe('At most this many; 20 by default.'),
    },
    request: read(
      'communications',
      '$sprintId: ID!, $to: String, $unanswered: Boolean, $first: Int',
      `{ totalCount nodes { ${communicationFields} } }`,
      (args, caller) => ({
        sprintId: caller.sprintId,
        to: caller.agent,
        unanswered: orNull(args.unanswered),
        first: orNull(args.first),
      }),
    ),
  },
  {
    name: 'dashboard',
    words: ['dashboard'],
    title: 'Dashboard (Markdown)',
    description:
      'The whole coordination dashboard as Markdown, in the layout people keep by hand: phases, tasks, critical path, blockers, issues, communication log, checkpoints, deliverables, metrics, risks.',
    input: { sprintId },
    request: (_args, caller) => ({
      path: `/sprints/${encodeURIComponent(caller.sprintId)}/dashboard.md`,
    }),
  },
];

const changes: readonly Definition[] = [
  ...taskOperations,
  {
    name: 'raise_blocker',
    words: ['blocker', 'raise'],
    title: 'Raise a blocker',
    description:
      'Says something stops or slows you. P0 stops the whole sprint, P1 stops you (you cannot start tasks until it is resolved); it escalates to your backup, then the escalation contact, if nobody answers in time.',
    input: {
      sprintId,
      agent,
      severity,
      description: z.string().min(1).max(2000).describe('What blocks you and what you need.'),
      taskId: taskId.optional().describe('The task it blocks, if one.'),
      idempotencyKey,
    },
    request: change('raiseBlocker', `blocker { ${blockerFields} }`, (args, caller) => ({
      agent: caller.agent,
      severity: args.severity,
      description: args.description,
      taskId: orNull(args.taskId),
    })),
  },
  {
    name: 'resolve_blocker',
    words: ['blocker', 'resolve'],
    positional: ['blockerId'],
    title: 'Resolve a blocker',
    description: 'Closes an open blocker with how it was resolved.',
    input: {
      sprintId,
      blockerId: z.string().max(200).describe('The blocker’s id, such as "B-1".'),
      resolution: z.string().min(1).max(2000).describe('How it was resolved.'),
      idempotencyKey,
    },
    request: change('resolveBlocker', `blocker { ${blockerFields} }`, (args) => ({
      blockerId: args.blockerId,
      resolution: args.resolution,
    })),
  },
  {
    name: 'report_issue',
    words: ['issue', 'report'],
    title: 'Report an issue',
    description:
      'Adds a defect or problem to the issue registry (not something that stops you: that is raise_blocker). It starts OPEN.',
    input: {
      sprintId,
      agent,
      title: z.string().min(1).max(300).describe('A one-line summary.'),
      severity,
      description: z
        .string()
        .max(4000)
        .optional()
        .describe('Details: what, where, how to reproduce.'),
      phase: z.number().int().min(1).optional().describe('The phase it belongs to.'),
      assignee: z.string().max(200).optional().describe('The agent who should fix it.'),
      idempotencyKey,
    },
    request: change('reportIssue', `issue { ${issueFields} }`, (args, caller) => ({
      title: args.title,
      severity: args.severity,
      description: orNull(args.description),
      phase: orNull(args.phase),
      assignee: orNull(args.assignee),
      reportedBy: caller.agent,
    })),
  },
  {
    name: 'move_issue',
    words: ['issue', 'move'],
    positional: ['issueId', 'to'],
    title: 'Move an issue',
    description:
      'Moves an issue along OPEN -> IN_PROGRESS -> FIXED -> VALIDATED -> CLOSED (or FIXED/VALIDATED back to OPEN); a move the workflow does not allow is refused with the moves it does.',
    input: {
      sprintId,
      issueId: z.string().max(200).describe('The issue’s id, such as "I-1".'),
      to: z
        .enum(['OPEN', 'IN_PROGRESS', 'FIXED', 'VALIDATED', 'CLOSED'])
        .describe('The new status.'),
      note: z.string().max(2000).optional().describe('Why, or what was done.'),
      idempotencyKey,
    },
    request: change('moveIssue', `issue { ${issueFields} }`, (args) => ({
      issueId: args.issueId,
      to: args.to,
      note: orNull(args.note),
    })),
  },
  {
    name: 'ask',
    words: ['message', 'send'],
    title: 'Ask or tell',
    description:
      'Sends a message to another agent (or to everyone without to): a QUESTION or REQUEST waits for an answer (see my_messages on their side), a NOTIFICATION just informs.',
    input: {
      sprintId,
      agent,
      to: z.string().max(200).optional().describe('The agent it is for; everyone when left out.'),
      type: z
        .enum(['QUESTION', 'REQUEST', 'NOTIFICATION'])
        .optional()
        .describe('QUESTION by default.'),
      subject: z.string().min(1).max(300).describe('A one-line subject.'),
      body: z.string().min(1).max(4000).describe('The message.'),
      replyTo: z.string().max(200).optional().describe('The id of the message this answers on.'),
      idempotencyKey,
    },
    request: change(
      'logCommunication',
      `communication { ${communicationFields} }`,
      (args, caller) => ({
        from: caller.agent,
        to: orNull(args.to),
        type: args.type ?? 'QUESTION',
        subject: args.subject,
        body: args.body,
        replyTo: orNull(args.replyTo),
      }),
    ),
  },
  {
    name: 'answer',
    words: ['message', 'answer'],
    positional: ['communicationId'],
    title: 'Answer a message',
    description: 'Answers a question or request sent to you (its id is in my_messages).',
    input: {
      sprintId,
      agent,
      communicationId: z.string().max(200).describe('The message’s id, such as "C-3".'),
      answer: z.string().min(1).max(4000).describe('The answer.'),
      idempotencyKey,
    },
    request: change(
      'answerCommunication',
      `communication { ${communicationFields} }`,
      (args, caller) => ({
        communicationId: args.communicationId,
        answer: args.answer,
        answeredBy: caller.agent,
      }),
    ),
  },
];

export const operations: readonly Operation[] = [
  ...reads.map((definition) => ({ positional: [], ...definition, changes: false })),
  ...changes.map((definition) => ({ positional: [], ...definition, changes: true })),
];
