import { describe, it } from 'node:test';
import { event, given, history } from '../../../test/builders/given-when-then.js';

const runIt = [{ title: 'Run it', lines: ['python src/app.py'] }];
const testIt = [{ title: 'Test it', lines: ['pytest -q'] }];

describe('the quick command reference', () => {
  it('sets, changes and removes an agent’s command blocks, for agents of the plan only', () => {
    given(history())
      .when({ kind: 'SetCommands', agent: 'qa', blocks: testIt })
      .then([event('CommandsChanged', { agent: 'qa', from: [], to: testIt })]);
    given(history())
      .when({ kind: 'SetCommands', agent: 'dev', blocks: testIt })
      .then([event('CommandsChanged', { agent: 'dev', from: runIt, to: testIt })]);
    given(history())
      .when({ kind: 'SetCommands', agent: 'dev', blocks: [] })
      .then([event('CommandsChanged', { agent: 'dev', from: runIt, to: [] })]);
    given(history())
      .when({ kind: 'SetCommands', agent: 'dev', blocks: runIt })
      .thenRefused('VALIDATION_FAILED', 'blocks');
    given(history())
      .when({ kind: 'SetCommands', agent: 'nobody', blocks: testIt })
      .thenRefused('VALIDATION_FAILED', 'agent');
    given(history())
      .when({ kind: 'SetCommands', agent: 'qa', blocks: [{ title: 'Empty', lines: [] }] })
      .thenRefused('VALIDATION_FAILED', 'blocks[0].lines');
  });

  it('goes with an agent that retires', () => {
    given(
      history(
        { kind: 'AddAgent', agent: { name: 'ops', role: 'Operator' } },
        { kind: 'SetCommands', agent: 'ops', blocks: testIt },
      ),
    )
      .when({ kind: 'RetireAgent', agent: 'ops', reason: 'not needed' })
      .then([
        event('AgentRetired', {
          agent: 'ops',
          from: 'ASSIGNED',
          to: 'RETIRED',
          reason: 'not needed',
        }),
        event('CommandsChanged', { agent: 'ops', from: testIt, to: [] }),
      ]);
  });
});

describe('the next-steps checklist', () => {
  it('adds, changes and removes items; an id removed is not used again', () => {
    given(history())
      .when({ kind: 'AddNextStep', step: { id: 'NS-2', title: 'Book the lab' } })
      .then([
        event('NextStepAdded', {
          stepId: 'NS-2',
          title: 'Book the lab',
          details: [],
          commands: [],
        }),
      ]);
    given(history())
      .when({ kind: 'AddNextStep', step: { id: 'NS-1', title: 'Again' } })
      .thenRefused('ALREADY_EXISTS', 'step.id');
    given(history())
      .when({ kind: 'AddNextStep', step: { id: 'NS-2', title: '' } })
      .thenRefused('VALIDATION_FAILED', 'step.title');
    given(history())
      .when({ kind: 'ChangeNextStep', stepId: 'NS-1', details: ['from main'] })
      .then([
        event('NextStepChanged', {
          stepId: 'NS-1',
          changes: { details: { from: [], to: ['from main'] } },
        }),
      ]);
    given(history())
      .when({ kind: 'ChangeNextStep', stepId: 'NS-9', title: 'x' })
      .thenRefused('NOT_FOUND', 'stepId');
    given(history())
      .when({ kind: 'RemoveNextStep', stepId: 'NS-1', reason: 'done elsewhere' })
      .then([event('NextStepRemoved', { stepId: 'NS-1', reason: 'done elsewhere' })]);
    given(history({ kind: 'RemoveNextStep', stepId: 'NS-1', reason: 'done elsewhere' }))
      .when({ kind: 'AddNextStep', step: { id: 'NS-1', title: 'Back' } })
      .thenRefused('ALREADY_EXISTS', 'step.id');
  });

  it('checks an item off and opens it again, by events', () => {
    const checked = event('NextStepChecked', { stepId: 'NS-1', by: 'dev', from: false, to: true });
    const check = { kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' } as const;
    given(history()).when({ kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' }).then([checked]);
    given(history(check))
      .when({ kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' })
      .thenRefused('INVALID_TRANSITION', 'stepId');
    given(history(check))
      .when({ kind: 'UncheckNextStep', stepId: 'NS-1', reason: 'wrong base' })
      .then([
        event('NextStepUnchecked', { stepId: 'NS-1', from: true, to: false, reason: 'wrong base' }),
      ]);
    given(history())
      .when({ kind: 'UncheckNextStep', stepId: 'NS-1', reason: 'x' })
      .thenRefused('INVALID_TRANSITION', 'stepId');
    given(history({ kind: 'RemoveNextStep', stepId: 'NS-1', reason: 'gone' }))
      .when({ kind: 'CheckNextStep', stepId: 'NS-1', by: 'dev' })
      .thenRefused('NOT_FOUND', 'stepId');
    given(history())
      .when({ kind: 'CheckNextStep', stepId: 'constructor', by: 'dev' })
      .thenRefused('NOT_FOUND', 'stepId');
  });
});

describe('contacts and file locations', () => {
  it('sets the contact list and the escalation contact', () => {
    given(history())
      .when({ kind: 'SetContacts', contacts: [], escalation: 'User (gerald)' })
      .then([
        event('ContactsChanged', {
          changes: {
            contacts: {
              from: [{ role: 'Development', agent: 'dev', backup: 'dev-backup' }],
              to: [],
            },
            escalation: { from: null, to: 'User (gerald)' },
          },
        }),
      ]);
    given(history())
      .when({
        kind: 'SetContacts',
        contacts: [{ role: 'Development', agent: 'dev', backup: 'dev-backup' }],
      })
      .thenRefused('VALIDATION_FAILED', 'contacts');
    given(history())
      .when({ kind: 'SetContacts', contacts: [{ role: '', agent: 'dev' }] })
      .thenRefused('VALIDATION_FAILED', 'contacts[0].role');
  });

  it('sets the file locations', () => {
    const groups = [{ group: 'Docs', paths: ['docs/'] }];
    given(history())
      .when({ kind: 'SetFileLocations', groups })
      .then([
        event('FileLocationsChanged', {
          from: [{ group: 'Code Base', paths: ['src/'] }],
          to: groups,
        }),
      ]);
    given(history())
      .when({ kind: 'SetFileLocations', groups: [{ group: 'Docs', paths: [] }] })
      .thenRefused('VALIDATION_FAILED', 'groups[0].paths');
  });
});
