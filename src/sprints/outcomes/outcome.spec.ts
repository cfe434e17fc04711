import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';

describe('deliverables, risks and quality', () => {
  it('completes and reopens deliverables', () => {
    given(history())
      .when({ kind: 'CompleteDeliverable', deliverableId: 'D-1' })
      .then([event('DeliverableCompleted', { deliverableId: 'D-1', from: false, to: true })]);
    given(history({ kind: 'CompleteDeliverable', deliverableId: 'D-1' }))
      .when({ kind: 'CompleteDeliverable', deliverableId: 'D-1' })
      .thenRefused('INVALID_TRANSITION');
    given(history({ kind: 'CompleteDeliverable', deliverableId: 'D-1' }))
      .when({ kind: 'ReopenDeliverable', deliverableId: 'D-1', reason: 'incomplete' })
      .thenTypes(['DeliverableReopened']);
  });

  it('moves risks and records quality metrics for known targets', () => {
    given(history())
      .when({ kind: 'ChangeRiskStatus', riskId: 'R-1', status: 'TRIGGERED', note: 'it happened' })
      .then([
        event('RiskStatusChanged', {
          riskId: 'R-1',
          from: 'ACTIVE',
          to: 'TRIGGERED',
          note: 'it happened',
        }),
      ]);
    given(history())
      .when({ kind: 'RecordQualityMetric', metric: 'Test Coverage', value: '84%' })
      .then([event('QualityMetricRecorded', { metric: 'Test Coverage', value: '84%' })]);
    given(history())
      .when({ kind: 'RecordQualityMetric', metric: 'Vibes', value: 'good' })
      .thenRefused('NOT_FOUND', 'metric');
  });
});
