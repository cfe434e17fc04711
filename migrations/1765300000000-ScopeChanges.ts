import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans that change: a sprint can be cancelled (when and why), a deliverable cancelled and a
 * quality target dropped (both stay, out of the plan); a history row says what it is about and
 * the hours a scope change moves; the burndown reads the scope changes that move remaining work
 * along with completions, and the scope log all scope changes, each by an index of those rows.
 */
export class ScopeChanges1765300000000 implements MigrationInterface {
  name = 'ScopeChanges1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE sprint_overview ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancel_reason text`,
      `ALTER TABLE sprint_deliverables ADD COLUMN cancelled_at timestamptz`,
      `ALTER TABLE sprint_quality_metrics ADD COLUMN removed_at timestamptz`,
      // What a history row is about, whatever its kind, and the hours it moves in or out of scope.
      `ALTER TABLE sprint_history ADD COLUMN subject text, ADD COLUMN hours numeric`,
      `DROP INDEX sprint_history_progress`,
      `CREATE INDEX sprint_history_progress ON sprint_history (sprint_id, stream_version)
       WHERE type IN ('TaskCompleted', 'TaskReopened', 'TaskAdded', 'TaskReestimated',
                      'TaskCancelled', 'SprintStarted')`,
      `CREATE INDEX sprint_history_scope ON sprint_history (sprint_id, stream_version)
       WHERE type IN (${scopeTypes.map((type) => `'${type}'`).join(', ')})`,
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP INDEX sprint_history_scope`,
      `DROP INDEX sprint_history_progress`,
      `CREATE INDEX sprint_history_progress ON sprint_history (sprint_id, stream_version)
       WHERE type IN ('TaskCompleted', 'TaskReopened')`,
      `ALTER TABLE sprint_history DROP COLUMN subject, DROP COLUMN hours`,
      `ALTER TABLE sprint_quality_metrics DROP COLUMN removed_at`,
      `ALTER TABLE sprint_deliverables DROP COLUMN cancelled_at`,
      `ALTER TABLE sprint_overview DROP COLUMN cancelled_at, DROP COLUMN cancel_reason`,
    ]) {
      await queryRunner.query(statement);
    }
  }
}

/** The scope events as this migration found them: a migration never changes with the code. */
const scopeTypes = [
  'SprintDetailsChanged',
  'SprintCancelled',
  'TaskAdded',
  'TaskReestimated',
  'TaskReassigned',
  'TaskChanged',
  'TaskCancelled',
  'PhaseAdded',
  'PhaseChanged',
  'PhaseCancelled',
  'AgentAdded',
  'AgentChanged',
  'AgentRetired',
  'DeliverableAdded',
  'DeliverableChanged',
  'DeliverableCancelled',
  'CheckpointAdded',
  'CheckpointChanged',
  'CheckpointCancelled',
  'RiskAdded',
  'RiskChanged',
  'QualityTargetAdded',
  'QualityTargetChanged',
  'QualityTargetRemoved',
];
