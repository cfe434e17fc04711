import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';
import { complete, start } from '../../../test/builders/commands.js';
import type { CheckpointCommand } from './checkpoint.decide.js';

describe('checkpoints', () => {
  const pass: CheckpointCommand = { kind: 'PassCheckpoint', checkpointId: 'CP-1', result: 'runs' };

  it('passes only once its phase is complete', () => {
    given(history(start('1.1', 'dev')))
      .when(pass)
      .thenRefused('DEPENDENCY_NOT_MET', 'checkpointId');
    given(
      history(start('1.1', 'dev'), complete('1.1'), start('1.2', 'dev'), complete('1.2'), {
        kind: 'StartCheckpoint',
        checkpointId: 'CP-1',
      }),
    )
      .when(pass)
      .then([
        event('CheckpointPassed', {
          checkpointId: 'CP-1',
          from: 'IN_PROGRESS',
          to: 'PASSED',
          result: 'runs',
        }),
      ]);
  });

  it('fails only with a reason, and can be validated again after a failure', () => {
    given(history())
      .when({ kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: ' ' })
      .thenRefused('VALIDATION_FAILED', 'reason');
    const failed = history({ kind: 'FailCheckpoint', checkpointId: 'CP-1', reason: 'worker down' });
    given(failed)
      .when({ kind: 'StartCheckpoint', checkpointId: 'CP-1' })
      .then([
        event('CheckpointStarted', { checkpointId: 'CP-1', from: 'FAILED', to: 'IN_PROGRESS' }),
      ]);
    given(failed).when(pass).thenRefused('INVALID_TRANSITION');
  });
});
