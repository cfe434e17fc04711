import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { complete, start } from '../../../test/builders/commands.js';

describe('changing one deliverable', () => {
  it('adds, changes and cancels a deliverable', () => {
    given(history())
      .when({
        kind: 'AddDeliverable',
        deliverable: { id: 'D-2', category: 'DOCUMENTATION', name: 'README.md', phase: 2 },
      })
      .then([
        event('DeliverableAdded', {
          deliverableId: 'D-2',
          category: 'DOCUMENTATION',
          name: 'README.md',
          path: null,
          phase: 2,
        }),
      ]);
    given(history())
      .when({ kind: 'AddDeliverable', deliverable: { id: 'D-1', category: 'CODE', name: 'again' } })
      .thenRefused('ALREADY_EXISTS', 'deliverable.id');
    given(history())
      .when({
        kind: 'AddDeliverable',
        deliverable: { id: 'D-2', category: 'CODE', name: 'x', phase: 9 },
      })
      .thenRefused('VALIDATION_FAILED', 'deliverable.phase');
    given(history())
      .when({ kind: 'ChangeDeliverable', deliverableId: 'D-1', name: 'src/main.py' })
      .then([
        event('DeliverableChanged', {
          deliverableId: 'D-1',
          changes: { name: { from: 'src/app.py', to: 'src/main.py' } },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeDeliverable', deliverableId: 'D-9', name: 'x' })
      .thenRefused('NOT_FOUND', 'deliverableId');
    given(history())
      .when({ kind: 'CancelDeliverable', deliverableId: 'D-1', reason: 'merged into D-2' })
      .then([event('DeliverableCancelled', { deliverableId: 'D-1', reason: 'merged into D-2' })]);
  });
});

describe('changing one checkpoint', () => {
  it('adds, changes and cancels a checkpoint, but not one that passed', () => {
    const checkpoint = { id: 'CP-2', name: 'Verified', phase: 3, hourWindow: { from: 4, to: 5 } };
    given(history())
      .when({ kind: 'AddCheckpoint', checkpoint })
      .then([
        event('CheckpointAdded', {
          checkpointId: 'CP-2',
          name: 'Verified',
          phase: 3,
          hourWindow: { from: 4, to: 5 },
          criteria: [],
        }),
      ]);
    given(history())
      .when({
        kind: 'ChangeCheckpoint',
        checkpointId: 'CP-1',
        criteria: ['it runs', 'it is reviewed'],
      })
      .thenTypes(['CheckpointChanged']);
    given(history(start('1.1', 'dev')))
      .when({ kind: 'CancelCheckpoint', checkpointId: 'CP-1', reason: 'folded into CP-2' })
      .then([
        event('CheckpointCancelled', {
          checkpointId: 'CP-1',
          from: 'PENDING',
          to: 'CANCELLED',
          reason: 'folded into CP-2',
        }),
      ]);
    const passed = history(
      start('1.1', 'dev'),
      complete('1.1'),
      start('1.2', 'dev'),
      complete('1.2'),
      { kind: 'PassCheckpoint', checkpointId: 'CP-1', result: 'it runs' },
    );
    given(passed)
      .when({ kind: 'CancelCheckpoint', checkpointId: 'CP-1', reason: 'late' })
      .thenRefused('INVALID_TRANSITION', 'checkpointId');
  });
});

describe('changing one risk or quality target', () => {
  it('adds and changes a risk, and sets and removes a quality target', () => {
    given(history())
      .when({
        kind: 'AddRisk',
        risk: { id: 'R-2', category: 'Staff', severity: 'LOW', mitigation: 'Pair' },
      })
      .then([
        event('RiskAdded', {
          riskId: 'R-2',
          category: 'Staff',
          severity: 'LOW',
          status: 'ACTIVE',
          mitigation: 'Pair',
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeRisk', riskId: 'R-1', severity: 'HIGH' })
      .then([
        event('RiskChanged', {
          riskId: 'R-1',
          changes: { severity: { from: 'MEDIUM', to: 'HIGH' } },
        }),
      ]);
    given(history())
      .when({ kind: 'SetQualityTarget', metric: 'Test Coverage', target: '90%' })
      .then([event('QualityTargetChanged', { metric: 'Test Coverage', from: '80%', to: '90%' })]);
    given(history())
      .when({ kind: 'SetQualityTarget', metric: 'Docs', target: '100%' })
      .then([event('QualityTargetAdded', { metric: 'Docs', target: '100%' })]);
    given(history())
      .when({ kind: 'SetQualityTarget', metric: 'Test Coverage', target: '80%' })
      .thenRefused('VALIDATION_FAILED', 'target');
    given(history())
      .when({ kind: 'RemoveQualityTarget', metric: 'Test Coverage', reason: 'not measured' })
      .then([event('QualityTargetRemoved', { metric: 'Test Coverage', reason: 'not measured' })]);
    given(history())
      .when({ kind: 'RemoveQualityTarget', metric: 'Speed', reason: 'x' })
      .thenRefused('NOT_FOUND', 'metric');
  });
});
