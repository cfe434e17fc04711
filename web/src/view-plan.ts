import { badge, h, hours, time } from './dom.js';
import { empty, section, table } from './panels.js';
import type { SprintPageData } from './queries.js';

type Dashboard = NonNullable<SprintPageData['dashboard']>;
type Sprint = NonNullable<SprintPageData['sprint']>;
type Metrics = SprintPageData['metrics'];

const signed = (value: number) =>
  value > 0 ? `+${hours(value)}` : value < 0 ? `-${hours(-value)}` : '';

/** Scope changes: the baseline against the plan now, and the scope log, newest first. */
export function scope(dashboard: Dashboard, metrics: Metrics): HTMLElement {
  const figures = metrics?.scope;
  return section(
    'Scope changes',
    'scope-changes',
    figures
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'scope-summary' },
          figures.baselineHours === null
            ? `${hours(figures.currentHours)} planned; the baseline is set when the sprint starts.`
            : `Baseline ${hours(figures.baselineHours)}, now ${hours(figures.currentHours)}: +${hours(figures.addedHours)} / -${hours(figures.removedHours)} in ${figures.changes} changes.`,
        )
      : '',
    dashboard.scopeChanges.totalCount === 0
      ? empty('No changes since the plan was imported.')
      : table(
          ['When', 'Who', 'Change', 'About', 'Hours'],
          dashboard.scopeChanges.nodes.map((change) => [
            time(change.at),
            change.by ?? '',
            change.from !== null && change.to !== null
              ? `${change.event} ${change.from} → ${change.to}`
              : change.event,
            change.subject ?? '',
            signed(change.hoursDelta),
          ]),
        ),
  );
}

/** The risk register, as the reference's risk dashboard has it. */
export function risks(sprint: Sprint): HTMLElement {
  return section(
    'Risks',
    'risks',
    sprint.risks.length === 0
      ? empty('No risks identified.')
      : table(
          ['Risk', 'Severity', 'Status', 'Mitigation'],
          sprint.risks.map((risk) => [
            risk.category,
            badge(risk.severity),
            badge(risk.status),
            risk.mitigation,
          ]),
        ),
  );
}
