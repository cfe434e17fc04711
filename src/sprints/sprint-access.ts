import { forbidden } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import { lookup, type IssueState, type SprintState } from './model/state.js';
import type { IssueStatus } from './model/vocabulary.js';
import type { SprintCommand } from './sprint.js';

/**
 * The moves an agent may make on an issue, as the reference's QA flow needs them: its assignee
 * takes it up and fixes it; its reporter validates the fix or reopens it. A coordinator may make
 * every move; nobody else any.
 */
export function issueMovesOf(issue: IssueState, agent: string): readonly IssueStatus[] {
  const moves: IssueStatus[] = [];
  if (issue.assignee === agent) {
    if (issue.status === 'OPEN') moves.push('IN_PROGRESS');
    if (issue.status === 'IN_PROGRESS') moves.push('FIXED');
  }
  if (issue.reportedBy === agent && issue.status === 'FIXED') moves.push('VALIDATED', 'OPEN');
  return moves;
}

/** A claim on a task whose holder went silent: such a task is open to every agent. */
function claimsAnOrphan(command: SprintCommand, state: SprintState | null): boolean {
  if (command.kind !== 'ClaimTask' || !state) return false;
  return (lookup(state.tasks, command.taskId)?.leaseExpiries ?? 0) > 0;
}

/**
 * May this principal send this command to this sprint? Coordinators may do everything; viewers
 * nothing; an agent, in the sprints it is bound to, may work its own tasks, raise and resolve its
 * own blockers, report issues and move those assigned to it, and speak as itself.
 */
export function authorize(
  principal: Principal,
  sprintId: string,
  command: SprintCommand,
  state: SprintState | null,
): void {
  if (principal.role === 'COORDINATOR') return;
  if (principal.role === 'VIEWER') forbidden('a viewer may only read', 'input');
  const agent = principal.agent ?? '';
  if (!principal.sprints.includes(sprintId)) {
    forbidden(`${principal.name} is not an agent of sprint ${sprintId}`, 'sprintId');
  }
  const own = (name: string, field: string) => {
    if (name !== agent) forbidden(`${principal.name} acts as ${agent}, not ${name}`, field);
  };
  const ownTask = (taskId: string | null | undefined, field = 'taskId') => {
    const task = taskId && state ? lookup(state.tasks, taskId) : undefined;
    if (task && !task.assignees.includes(agent)) {
      forbidden(`task ${task.id} is not assigned to ${agent}`, field);
    }
  };
  switch (command.kind) {
    case 'DeclareAgentReady':
      own(command.agent, 'agent');
      break;
    case 'StartTask':
      own(command.agent, 'agent');
      if (command.forceReason?.trim())
        forbidden('only a coordinator forces a start', 'forceReason');
      ownTask(command.taskId);
      break;
    case 'ClaimTask':
    case 'LogHours':
    case 'RaiseBlocker':
    case 'Heartbeat':
    case 'ReleaseTask':
      own(command.agent, 'agent');
      if (!claimsAnOrphan(command, state)) ownTask(command.taskId);
      break;
    case 'CompleteTask':
      ownTask(command.taskId);
      break;
    case 'ResolveBlocker': {
      const blocker = state ? lookup(state.blockers, command.blockerId) : undefined;
      if (blocker && blocker.agent !== agent) {
        forbidden(`blocker ${blocker.id} was raised for ${blocker.agent}`, 'blockerId');
      }
      break;
    }
    case 'ReportIssue':
      own(command.reportedBy ?? agent, 'reportedBy');
      break;
    case 'MoveIssue': {
      const issue = state ? lookup(state.issues, command.issueId) : undefined;
      if (issue && !issueMovesOf(issue, agent).includes(command.to)) {
        const involved = issue.assignee === agent || issue.reportedBy === agent;
        forbidden(
          involved
            ? `${agent} may not move issue ${issue.id} from ${issue.status} to ${command.to}: its assignee works it, its reporter validates or reopens the fix`
            : `issue ${issue.id} is neither assigned to nor reported by ${agent}`,
          involved ? 'to' : 'issueId',
        );
      }
      break;
    }
    case 'LogCommunication':
      own(command.from, 'from');
      if (command.blocker) ownTask(command.blocker.taskId, 'blocker.taskId');
      break;
    case 'AnswerCommunication':
      own(command.answeredBy, 'answeredBy');
      break;
    case 'CheckNextStep':
      own(command.by, 'by');
      break;
    default:
      forbidden(`only a coordinator may ${command.kind}`, 'input');
  }
}
