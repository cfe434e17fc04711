import { forecastOf } from './forecast.js';
import { computeAfresh, type Remember, type SprintRows } from '../read-models/sprint-rows.js';
import { buildDashboard } from './dashboard.js';
import { time } from './markdown-text.js';
import { kpiTracking, riskIndicators } from './markdown-kpi.js';
import {
  agentAssignments,
  criticalPathMonitoring,
  phaseTracker,
  statusOverview,
} from './markdown-progress.js';
import {
  blockerTracking,
  checkpointStatus,
  communicationLog,
  deliverableStatus,
  issueRegistry,
} from './markdown-registry.js';
import {
  commandReference,
  emergencyContacts,
  fileLocations,
  nextSteps,
} from './markdown-handbook.js';
import { scopeChanges } from './markdown-scope.js';
import type { MarkdownView } from './markdown-view.js';
import { buildSprintKpis } from './sprint-kpis.js';

/** The document's sections, in the reference's order. */
const sections: readonly ((view: MarkdownView) => string[])[] = [
  statusOverview,
  agentAssignments,
  phaseTracker,
  criticalPathMonitoring,
  blockerTracking,
  issueRegistry,
  communicationLog,
  checkpointStatus,
  deliverableStatus,
  commandReference,
  kpiTracking,
  scopeChanges,
  riskIndicators,
  nextSteps,
  emergencyContacts,
  fileLocations,
];

/**
 * The sprint as the coordination dashboard document the reference keeps by hand, rendered from
 * the read models: the status box, agent boxes, phase trackers, critical path, blockers,
 * issues, communications, checkpoints, deliverables, commands, metrics, risks, next steps,
 * contacts and file locations. `now` is when it is
 * rendered, for how long open blockers have been open.
 */
export function renderDashboardMarkdown(
  rows: SprintRows,
  now: string,
  remember: Remember = computeAfresh,
): string {
  const view = {
    rows,
    dashboard: buildDashboard(rows, remember),
    kpis: buildSprintKpis(rows),
    now,
    forecast: rows.overview.startedAt === null ? null : forecastOf(rows, now, remember),
  };
  const out = [
    ...sections.flatMap((section) => section(view)),
    `**Events recorded**: ${rows.overview.version}`,
    `**Last Updated**: ${rows.overview.updatedAt ? time(rows.overview.updatedAt) : '-'}`,
    '',
  ];
  return out.map((text) => text.trimEnd()).join('\n');
}
