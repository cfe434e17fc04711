import { h, time } from './dom.js';
import { empty, section, table } from './panels.js';
import type { SprintPageData } from './queries.js';

type Sprint = NonNullable<SprintPageData['sprint']>;

/** The reference's guiding sections: next steps, contacts, command reference, file locations. */

export function nextSteps(sprint: Sprint): HTMLElement {
  return section(
    'Next steps',
    'next-steps',
    sprint.nextSteps.length === 0
      ? empty('No next steps in the plan.')
      : h(
          'ol',
          { class: 'steps' },
          sprint.nextSteps.map((step) =>
            h(
              'li',
              { class: step.done ? 'done' : '' },
              step.done ? '☑ ' : '☐ ',
              h('b', {}, step.title),
              step.done
                ? h(
                    'span',
                    { class: 'muted' },
                    ` ${step.doneBy ?? ''} ${step.doneAt ? time(step.doneAt) : ''}`,
                  )
                : '',
              step.details.length
                ? h(
                    'ul',
                    {},
                    step.details.map((detail) => h('li', {}, detail)),
                  )
                : '',
              step.commands.length ? h('pre', {}, step.commands.join('\n')) : '',
            ),
          ),
        ),
  );
}

export function contacts(sprint: Sprint): HTMLElement {
  return section(
    'Emergency contacts',
    'contacts',
    table(
      ['Role', 'Agent', 'Backup'],
      [
        ...sprint.contacts.map((contact) => [contact.role, contact.agent, contact.backup ?? '']),
        ['Technical escalation', sprint.escalation ?? 'the coordinator', ''],
      ],
    ),
  );
}

export function commandReference(sprint: Sprint): HTMLElement {
  return section(
    'Quick command reference',
    'commands',
    sprint.commands.length === 0
      ? empty('No commands in the plan.')
      : h(
          'div',
          {},
          sprint.commands.map((commands) =>
            h(
              'div',
              {},
              h('h3', {}, `For ${commands.agent}`),
              commands.blocks.map((block) =>
                h(
                  'div',
                  {},
                  h('p', { class: 'muted' }, block.title),
                  h('pre', {}, block.lines.join('\n')),
                ),
              ),
            ),
          ),
        ),
  );
}

export function fileLocations(sprint: Sprint): HTMLElement {
  return section(
    'File locations',
    'file-locations',
    sprint.fileLocations.length === 0
      ? empty('No file locations in the plan.')
      : h(
          'dl',
          {},
          sprint.fileLocations.flatMap((group) => [
            h('dt', {}, group.group),
            ...group.paths.map((path) => h('dd', {}, h('code', {}, path))),
          ]),
        ),
  );
}
