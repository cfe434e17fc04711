import { scopeChangesOf } from './scope-metrics.js';
import { code, hours, table, time } from './markdown-text.js';
import type { MarkdownView } from './markdown-view.js';

const signed = (value: number) =>
  value > 0 ? `+${hours(value)}` : value < 0 ? `-${hours(-value)}` : '-';

/** Scope Changes: the baseline against the plan now, and the scope log, newest first. */
export function scopeChanges({ rows, kpis }: MarkdownView): string[] {
  const { scope } = kpis;
  const baseline =
    scope.baselineHours === null ? 'set when the sprint starts' : hours(scope.baselineHours);
  return [
    '## Scope Changes',
    '',
    ...code([
      `Baseline: ${baseline}`,
      `Current:  ${hours(scope.currentHours)} (+${hours(scope.addedHours)} / -${hours(scope.removedHours)}, ${scope.changes} changes since the start)`,
      '',
      ...table(
        'SCOPE LOG',
        [
          { name: 'When', size: 17 },
          { name: 'Who', size: 12 },
          { name: 'Change', size: 22 },
          { name: 'About', size: 7 },
          { name: 'Hours', size: 7 },
        ],
        scopeChangesOf(rows).map((change) => [
          time(change.at),
          change.by ?? '-',
          change.from !== null && change.to !== null
            ? `${change.event} ${change.from}→${change.to}`
            : change.event,
          change.subject ?? '-',
          signed(change.hoursDelta),
        ]),
        'No changes since the plan was imported',
      ),
    ]),
  ];
}
