import { AppError } from '../../common/errors.js';
import { requireText } from '../model/rules.js';
import type { Deciders } from '../model/seam.js';
import {
  lookup,
  type DeliverableState,
  type NextStepState,
  type SprintState,
} from '../model/state.js';
import type { RiskStatus } from '../model/vocabulary.js';
import type { OutcomeEvent } from './outcome.events.js';

export type OutcomeCommand =
  | { readonly kind: 'CompleteDeliverable'; readonly deliverableId: string }
  | { readonly kind: 'ReopenDeliverable'; readonly deliverableId: string; readonly reason: string }
  | {
      readonly kind: 'ChangeRiskStatus';
      readonly riskId: string;
      readonly status: RiskStatus;
      readonly note?: string | null;
    }
  | { readonly kind: 'RecordQualityMetric'; readonly metric: string; readonly value: string }
  | { readonly kind: 'CheckNextStep'; readonly stepId: string; readonly by: string }
  | { readonly kind: 'UncheckNextStep'; readonly stepId: string; readonly reason: string };

function requireDeliverable(state: SprintState, deliverableId: string, done: boolean) {
  const deliverable: DeliverableState | undefined = lookup(state.deliverables, deliverableId);
  if (!deliverable) {
    throw new AppError('NOT_FOUND', `no deliverable ${deliverableId}`, 'deliverableId');
  }
  if (deliverable.cancelledAt !== null) {
    throw new AppError(
      'INVALID_TRANSITION',
      `deliverable ${deliverable.id} was cancelled`,
      'deliverableId',
    );
  }
  if (deliverable.done === done) {
    throw new AppError(
      'INVALID_TRANSITION',
      `deliverable ${deliverable.id} is already ${done ? 'done' : 'not done'}`,
      'deliverableId',
    );
  }
  return deliverable;
}

function requireStep(state: SprintState, stepId: string, done: boolean) {
  const step: NextStepState | undefined = lookup(state.nextSteps, stepId);
  if (!step || step.removedAt !== null) {
    throw new AppError('NOT_FOUND', `no next step ${stepId} in sprint ${state.id}`, 'stepId');
  }
  if (step.done === done) {
    throw new AppError(
      'INVALID_TRANSITION',
      `next step ${step.id} is already ${done ? 'done' : 'open'}`,
      'stepId',
    );
  }
  return step;
}

export const outcomeDeciders: Deciders<OutcomeCommand, OutcomeEvent> = {
  CompleteDeliverable(command, state) {
    const deliverable = requireDeliverable(state, command.deliverableId, true);
    return [{ type: 'DeliverableCompleted', deliverableId: deliverable.id, from: false, to: true }];
  },
  ReopenDeliverable(command, state) {
    const deliverable = requireDeliverable(state, command.deliverableId, false);
    requireText(command.reason, 'reason');
    return [
      {
        type: 'DeliverableReopened',
        deliverableId: deliverable.id,
        from: true,
        to: false,
        reason: command.reason,
      },
    ];
  },
  ChangeRiskStatus(command, state) {
    const risk = lookup(state.risks, command.riskId);
    if (!risk) throw new AppError('NOT_FOUND', `no risk ${command.riskId}`, 'riskId');
    if (risk.status === command.status) {
      throw new AppError(
        'INVALID_TRANSITION',
        `risk ${risk.id} is already ${risk.status}`,
        'status',
      );
    }
    return [
      {
        type: 'RiskStatusChanged',
        riskId: risk.id,
        from: risk.status,
        to: command.status,
        note: command.note ?? null,
      },
    ];
  },
  RecordQualityMetric(command, state) {
    if (lookup(state.qualityTargets, command.metric) === undefined) {
      throw new AppError('NOT_FOUND', `no quality target ${command.metric}`, 'metric', {
        known: Object.keys(state.qualityTargets),
      });
    }
    requireText(command.value, 'value');
    return [{ type: 'QualityMetricRecorded', metric: command.metric, value: command.value }];
  },
  CheckNextStep({ stepId, by }, state) {
    const step = requireStep(state, stepId, true);
    requireText(by, 'by');
    return [{ type: 'NextStepChecked', stepId: step.id, by, from: false, to: true }];
  },
  UncheckNextStep({ stepId, reason }, state) {
    const step = requireStep(state, stepId, false);
    requireText(reason, 'reason');
    return [{ type: 'NextStepUnchecked', stepId: step.id, from: true, to: false, reason }];
  },
};
