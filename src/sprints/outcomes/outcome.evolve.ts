import type { Evolvers } from '../model/seam.js';
import { lookup, insert, update, type SprintState } from '../model/state.js';
import type { OutcomeEvent } from './outcome.events.js';

function deliverableDone(state: SprintState, id: string, done: boolean, at: string): SprintState {
  return {
    ...state,
    deliverables: update(state.deliverables, id, (deliverable) => ({
      ...deliverable,
      done,
      doneAt: done ? at : null,
    })),
  };
}

export const outcomeEvolvers: Evolvers<OutcomeEvent> = {
  DeliverableCompleted: (state, { data }) =>
    deliverableDone(state, data.deliverableId, data.to, data.at),
  DeliverableReopened: (state, { data }) =>
    deliverableDone(state, data.deliverableId, data.to, data.at),
  RiskStatusChanged: (state, { data }) => ({
    ...state,
    risks: update(state.risks, data.riskId, (risk) => ({ ...risk, status: data.to })),
  }),
  QualityMetricRecorded: (state, { data }) => ({
    ...state,
    qualityTargets: insert(state.qualityTargets, data.metric, {
      metric: data.metric,
      target: lookup(state.qualityTargets, data.metric)?.target ?? '',
      actual: data.value,
      recordedAt: data.at,
      removedAt: lookup(state.qualityTargets, data.metric)?.removedAt ?? null,
    }),
  }),
  NextStepChecked: (state, { data }) => ({
    ...state,
    nextSteps: update(state.nextSteps, data.stepId, (step) => ({
      ...step,
      done: true,
      doneBy: data.by,
      doneAt: data.at,
    })),
  }),
  NextStepUnchecked: (state, { data }) => ({
    ...state,
    nextSteps: update(state.nextSteps, data.stepId, (step) => ({
      ...step,
      done: false,
      doneBy: null,
      doneAt: null,
    })),
  }),
};
