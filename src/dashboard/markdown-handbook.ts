import { oneLine, prose, time } from './markdown-text.js';
import type { MarkdownView } from './markdown-view.js';

/**
 * The reference's guiding sections: the quick command reference, the next steps, the
 * emergency contacts and the file locations. A section the plan has nothing for is left out.
 */

/**
 * A fenced block of client text: its fence longer than any run of backticks in it, so no line
 * of it closes the block (CommonMark), and each line kept on its line.
 */
function fenced(lines: readonly string[], info: string, indent = ''): string[] {
  const longest = Math.max(
    0,
    ...lines.map((line) =>
      (line.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0),
    ),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [
    `${indent}${fence}${info}`,
    ...lines.map((line) => `${indent}${oneLine(line)}`),
    `${indent}${fence}`,
  ];
}

const rule = ['', '---', ''];

/** Quick Command Reference: each agent's command blocks, as bash. */
export function commandReference({ rows }: MarkdownView): string[] {
  if (rows.commands.length === 0) return [];
  return [
    '## Quick Command Reference',
    '',
    ...rows.commands.flatMap((commands, index) => [
      ...(index > 0 ? ['---', ''] : []),
      `### For ${prose(commands.agent)}`,
      '',
      ...fenced(
        commands.blocks.flatMap((block, at) => [
          ...(at > 0 ? [''] : []),
          `# ${block.title}`,
          ...block.lines,
        ]),
        'bash',
      ),
      '',
    ]),
    '---',
    '',
  ];
}

/** Next Steps: the checklist, each item checked off (and by whom) as events say. */
export function nextSteps({ rows }: MarkdownView): string[] {
  if (rows.nextSteps.length === 0) return [];
  const done = rows.nextSteps.filter((step) => step.done).length;
  return [
    '## Next Steps',
    '',
    '### Immediate Actions Required',
    '',
    ...rows.nextSteps.flatMap((step, index) => [
      `${index + 1}. ${step.done ? '✓' : '□'} **${prose(step.title)}**${step.done ? ` (done by ${prose(step.doneBy ?? '-')}, ${time(step.doneAt)})` : ''}`,
      ...step.details.map((detail) => `   - ${prose(detail)}`),
      ...(step.commands.length ? fenced(step.commands, 'bash', '   ') : []),
      '',
    ]),
    `Done: ${done}/${rows.nextSteps.length}`,
    ...rule,
  ];
}

const cell = (text: string, size: number) => oneLine(text).padEnd(size);

/** Emergency Contacts: role, agent and backup, then who a problem goes to in the end. */
export function emergencyContacts({ rows }: MarkdownView): string[] {
  const { contacts, escalation } = rows.overview;
  if (contacts.length === 0 && escalation === null) return [];
  const line = (role: string, agent: string, backup: string) =>
    `${cell(role, 20)}│ ${cell(agent, 19)}│ ${oneLine(backup)}`;
  return [
    '## Emergency Contacts',
    '',
    ...fenced(
      [
        line('Role', 'Agent', 'Backup'),
        `${'─'.repeat(20)}┼${'─'.repeat(20)}┼${'─'.repeat(19)}`,
        ...contacts.map((contact) => line(contact.role, contact.agent, contact.backup ?? '-')),
        line('Technical Escalation', escalation ?? 'the coordinator', '-'),
      ],
      '',
    ),
    ...rule,
  ];
}

/** File Locations, by group. */
export function fileLocations({ rows }: MarkdownView): string[] {
  const groups = rows.overview.fileLocations;
  if (groups.length === 0) return [];
  return [
    '## File Locations',
    '',
    ...fenced(
      groups.flatMap((group, index) => [
        ...(index > 0 ? [''] : []),
        `${group.group}:`,
        ...group.paths.map((path) => `  ${path}`),
      ]),
      '',
    ),
    ...rule,
  ];
}
