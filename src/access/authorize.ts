import { AppError } from '../common/errors.js';
import type { SprintCommand } from '../sprints/sprint.decider.js';
import type { SprintState } from '../sprints/sprint.state.js';
import type { Principal } from './principal.js';

function forbidden(message: string, field: string): never {
  throw new AppError('FORBIDDEN', message, field);
}

/** Planning sprints and managing tokens are a coordinator's alone. */
export function requireCoordinator(principal: Principal, action: string): void {
  if (principal.role !== 'COORDINATOR') forbidden(`only a coordinator may ${action}`, 'input');
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
  const ownTask = (taskId: string | null | undefined) => {
    const task = taskId ? state?.tasks[taskId] : undefined;
    if (task && !task.assignees.includes(agent)) {
      forbidden(`task ${task.id} is not assigned to ${agent}`, 'taskId');
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
    case 'LogHours':
    case 'RaiseBlocker':
      own(command.agent, 'agent');
      ownTask(command.taskId);
      break;
    case 'CompleteTask':
      ownTask(command.taskId);
      break;
    case 'ResolveBlocker': {
      const blocker = state?.blockers[command.blockerId];
      if (blocker && blocker.agent !== agent) {
        forbidden(`blocker ${blocker.id} was raised for ${blocker.agent}`, 'blockerId');
      }
      break;
    }
    case 'ReportIssue':
      break;
    case 'MoveIssue': {
      const issue = state?.issues[command.issueId];
      if (issue && issue.assignee !== agent) {
        forbidden(`issue ${issue.id} is not assigned to ${agent}`, 'issueId');
      }
      break;
    }
    case 'LogCommunication':
      own(command.from, 'from');
      if (command.blocker) ownTask(command.blocker.taskId);
      break;
    case 'AnswerCommunication':
      own(command.answeredBy, 'answeredBy');
      break;
    default:
      forbidden(`only a coordinator may ${command.kind}`, 'input');
  }
}
