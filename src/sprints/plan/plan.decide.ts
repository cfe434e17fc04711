import { AppError } from '../../common/errors.js';
import { requireAgent } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import type { PlanEvent } from './plan.events.js';
import type { SprintPlan } from './plan-document.js';

export type PlanCommand =
  | { readonly kind: 'PlanSprint'; readonly plan: SprintPlan }
  | { readonly kind: 'CompleteSprint' }
  | { readonly kind: 'DeclareAgentReady'; readonly agent: string };

/** The commands on a sprint that exists; PlanSprint is decided before there is one. */
export const planDeciders: Deciders<Exclude<PlanCommand, { kind: 'PlanSprint' }>, PlanEvent> = {
  CompleteSprint(_command, state) {
    const open = Object.values(state.phases).filter(
      (phase) => phase.status !== 'COMPLETE' && phase.status !== 'CANCELLED',
    );
    if (state.status !== 'ACTIVE' || open.length > 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        `sprint ${state.id} can complete once active with every phase complete`,
        'sprintId',
        { from: state.status, waitingFor: open.map((phase) => `Phase ${phase.number}`) },
      );
    }
    return [{ type: 'SprintCompleted', from: 'ACTIVE', to: 'COMPLETE' }];
  },
  DeclareAgentReady(command, state) {
    const agent = requireAgent(state, command.agent, 'agent');
    if (agent.declaredReady) {
      throw new AppError('INVALID_TRANSITION', `${agent.name} is already ready`, 'agent');
    }
    return [{ type: 'AgentDeclaredReady', agent: agent.name }];
  },
};
