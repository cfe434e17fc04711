import type { PhaseStatus, SprintStatus, TaskStatus } from '../sprints/model/vocabulary.js';

/** The reference document's typography: boxes, tables, marks, hours, one-line client text. */

const width = 65;

/**
 * Text that stays on its line: line breaks and other control characters become spaces, so
 * nothing a client wrote can end a code fence or a table row, or start a heading.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** Client text in Markdown prose (a heading): on one line, its markup characters escaped. */
export function prose(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]<>()#!|~]/g, (character) => `\\${character}`);
}

/** Text cut or padded to exactly `size` characters, on one line: the cells of code boxes. */
export function fit(text: string, size: number): string {
  const line = oneLine(text);
  return line.length > size ? `${line.slice(0, size - 1)}…` : line.padEnd(size);
}

export function box(sections: readonly (readonly string[])[]): string[] {
  const lines = [`┌${'─'.repeat(width)}┐`];
  sections.forEach((section, index) => {
    if (index > 0) lines.push(`├${'─'.repeat(width)}┤`);
    for (const line of section) lines.push(`│  ${fit(line, width - 2)}│`);
  });
  lines.push(`└${'─'.repeat(width)}┘`);
  return lines;
}

/** A table in the reference's box style: a title row, a header row, then the rows or a note. */
export function table(
  title: string,
  columns: readonly { readonly name: string; readonly size: number }[],
  rows: readonly (readonly string[])[],
  empty: string,
): string[] {
  const inner = columns.reduce((sum, column) => sum + column.size, 0) + columns.length - 1;
  const rule = (left: string, middle: string, right: string) =>
    `${left}${columns.map((column) => '─'.repeat(column.size)).join(middle)}${right}`;
  const row = (cells: readonly string[]) =>
    `│${columns.map((column, index) => ` ${fit(cells[index] ?? '', column.size - 1)}`).join('│')}│`;
  return [
    `┌${'─'.repeat(inner)}┐`,
    `│  ${fit(title, inner - 2)}│`,
    rule('├', '┬', '┤'),
    row(columns.map((column) => column.name)),
    rule('├', '┼', '┤'),
    ...(rows.length ? rows.map(row) : [`│  ${fit(empty, inner - 2)}│`]),
    rule('└', '┴', '┘'),
  ];
}

export const mark: Record<TaskStatus, string> = {
  NOT_STARTED: '□',
  IN_PROGRESS: '◐',
  BLOCKED: '⊘',
  COMPLETE: '✓',
  CANCELLED: '✗',
};
export const phaseMark: Record<PhaseStatus, string> = {
  NOT_STARTED: '□ Not Started',
  IN_PROGRESS: '◐ In Progress',
  COMPLETE: '✓ Complete',
  CANCELLED: '✗ Cancelled',
};
export const sprintWords: Record<SprintStatus, string> = {
  PLANNED: 'READY FOR EXECUTION',
  ACTIVE: 'IN PROGRESS',
  COMPLETE: 'COMPLETE',
  CANCELLED: 'CANCELLED',
};
export const hours = (value: number) => `${Math.round(value * 100) / 100}h`;
export const range = (min: number, max: number) => (min === max ? `${min}` : `${min}-${max}`);
export const bar = (done: number, total: number, size: number) => {
  const filled = total > 0 ? Math.round((done / total) * size) : 0;
  return `[${'■'.repeat(filled)}${'□'.repeat(size - filled)}]`;
};
export const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

/** A code block of lines, then the section rule. */
export function code(lines: readonly string[]): string[] {
  return ['```', ...lines.map(oneLine), '```', '', '---', ''];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
