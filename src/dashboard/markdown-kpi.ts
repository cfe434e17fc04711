import { code, fit, hours, range, table } from './markdown-text.js';
import type { MarkdownView } from './markdown-view.js';

const sizes = [28, 10, 9, 9];
const line = (cells: readonly string[]) =>
  cells
    .map((cell, index) =>
      index === 0 ? fit(cell, sizes[0] ?? 28) : ` ${fit(cell, (sizes[index] ?? 8) - 1)}`,
    )
    .join('│');
const statusMark = { MET: '✓', NOT_MET: '✗', PENDING: '□' };

/** Metrics Tracking: the sprint's time, quality and velocity KPIs. */
export function kpiTracking({ kpis }: MarkdownView): string[] {
  const time = [kpis.total, ...kpis.phases].map((metric) =>
    line([
      metric.name === 'Total Sprint Hours' ? metric.name : `${metric.name} Duration`,
      `${range(metric.plannedMin, metric.plannedMax)}h`,
      hours(metric.actualHours),
      hours(metric.varianceHours),
    ]),
  );
  const measured = (value: number | null) => (value === null ? '-' : hours(value));
  return [
    '## Metrics Tracking',
    '',
    '### Time Metrics',
    '',
    ...code([
      line(['Metric', 'Planned', 'Actual', 'Variance']),
      ...time,
      line(['Blocker Resolution Time', 'N/A', measured(kpis.blockerResolutionHours), '-']),
      line(['Checkpoint Validation Time', '-', measured(kpis.checkpointValidationHours), '-']),
    ]),
    '### Quality Metrics',
    '',
    ...code([
      line(['Metric', 'Target', 'Actual', 'Status']),
      ...kpis.quality.map((metric) =>
        line([metric.metric, metric.target, metric.actual ?? '-', statusMark[metric.status]]),
      ),
    ]),
    '### Velocity Metrics',
    '',
    ...code([
      line(['Metric', 'Planned', 'Actual', 'Ratio']),
      ...[kpis.velocity, ...kpis.phaseVelocity].map((velocity) =>
        line([
          `${velocity.name} Velocity`,
          hours(velocity.plannedHours),
          hours(velocity.actualHours),
          velocity.ratio === null ? '-' : `${velocity.ratio}x`,
        ]),
      ),
    ]),
  ];
}

export function riskIndicators({ rows }: MarkdownView): string[] {
  return [
    '## Risk Indicators',
    '',
    ...code([
      ...table(
        'RISK DASHBOARD',
        [
          { name: 'Risk Category', size: 25 },
          { name: 'Severity', size: 11 },
          { name: 'Status', size: 11 },
          { name: 'Mitigation', size: 16 },
        ],
        rows.risks.map((risk) => [risk.category, risk.severity, risk.status, risk.mitigation]),
        'No risks identified',
      ),
    ]),
  ];
}
