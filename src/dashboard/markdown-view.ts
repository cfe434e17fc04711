import type { SprintForecast } from './forecast.js';
import type { SprintRows } from '../read-models/sprint-rows.js';
import type { Dashboard } from './dashboard.js';
import type { SprintKpis } from './sprint-kpis.js';

/** What every section of the document is drawn from. */
export interface MarkdownView {
  readonly rows: SprintRows;
  readonly dashboard: Dashboard;
  readonly kpis: SprintKpis;
  /** When it is rendered: how long open blockers have been open. */
  readonly now: string;
  /** Once the sprint runs: when it will finish, from its actuals. */
  readonly forecast: SprintForecast | null;
}
